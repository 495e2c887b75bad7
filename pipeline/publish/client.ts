/**
 * The edition's only script (inlined, optional: every view works without it). It
 * (1) remembers the reading options in `localStorage` under `bitext.edition.v1`,
 * (2) highlights a sentence's counterpart(s) — every `.s` with the same `data-link` — on hover
 * and on keyboard focus, and (3) moves to the next / previous link to review with `n` / `p`
 * (switching review mode on) — the rows of the review queue, `.row.queue` — and (4) gives each row
 * one Tab stop (a roving tabindex, WAI-ARIA Authoring Practices "Developing a Keyboard Interface"):
 * the stop is the row's last focused visible sentence, the arrow keys move between the row's
 * visible sentences. It makes no network request.
 */
export const EDITION_JS = `
(function () {
  var d = document, KEY = 'bitext.edition.v1', groups = ['view', 'layout', 'order', 'theme'];
  var review = d.getElementById('review');
  try {
    var saved = JSON.parse(localStorage.getItem(KEY) || '{}');
    groups.forEach(function (g) {
      var el = saved[g] && d.getElementById(g + '-' + saved[g]);
      if (el) el.checked = true;
    });
    if (review && typeof saved.review === 'boolean') review.checked = saved.review;
  } catch (e) {}
  function save() {
    var state = {};
    groups.forEach(function (g) {
      var c = d.querySelector('input[name="' + g + '"]:checked');
      if (c) state[g] = c.value;
    });
    if (review) state.review = review.checked;
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) {}
  }
  function shown(el) { return el.getClientRects().length > 0; }
  function stopAt(row, s) {
    Array.prototype.forEach.call(row.querySelectorAll('.s[tabindex="0"]'), function (x) { if (x !== s) x.tabIndex = -1; });
    s.tabIndex = 0;
  }
  function restop() {
    Array.prototype.forEach.call(d.querySelectorAll('main .row'), function (row) {
      var stop = row.querySelector('.s[tabindex="0"]');
      if (stop && shown(stop)) return stopAt(row, stop);
      var first = Array.prototype.filter.call(row.querySelectorAll('.s'), shown)[0];
      if (first) stopAt(row, first);
    });
  }
  restop();
  d.addEventListener('change', function (e) {
    if (e.target && e.target.closest && e.target.closest('.controls')) { save(); restop(); }
  });
  var lit = [];
  function clear() { lit.forEach(function (el) { el.classList.remove('hl'); }); lit = []; }
  function sentence(node) { return node && node.closest ? node.closest('.s[data-link]') : null; }
  function light(e) {
    var s = sentence(e.target);
    if (!s) return;
    clear();
    lit = Array.prototype.slice.call(d.querySelectorAll('.s[data-link="' + s.getAttribute('data-link') + '"]'));
    lit.forEach(function (el) { el.classList.add('hl'); });
  }
  d.addEventListener('mouseover', light);
  d.addEventListener('focusin', function (e) {
    var s = sentence(e.target), row = s && s.closest('.row');
    if (row) stopAt(row, s);
    light(e);
  });
  var MOVES = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -Infinity, End: Infinity };
  d.addEventListener('keydown', function (e) {
    var s = sentence(e.target), row = s && s.closest('.row');
    if (!row || !(e.key in MOVES) || e.ctrlKey || e.metaKey || e.altKey) return;
    var all = Array.prototype.filter.call(row.querySelectorAll('.s'), shown);
    var i = Math.max(0, Math.min(all.length - 1, all.indexOf(s) + MOVES[e.key]));
    e.preventDefault();
    all[i].focus();
  });
  d.addEventListener('mouseout', function (e) {
    if (sentence(e.relatedTarget) !== sentence(e.target)) clear();
  });
  d.addEventListener('focusout', clear);
  var flagged = Array.prototype.slice.call(d.querySelectorAll('.row.queue'));
  var current = null;
  d.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || (e.key !== 'n' && e.key !== 'p')) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName) || (t.tagName === 'INPUT' && t.type !== 'radio' && t.type !== 'checkbox'))) return;
    if (!flagged.length) return;
    e.preventDefault();
    if (review && !review.checked) { review.checked = true; save(); }
    var here = (d.activeElement && d.activeElement.closest && d.activeElement.closest('.row')) || current;
    var next = null, i;
    if (e.key === 'n') {
      for (i = 0; i < flagged.length && !next; i++) {
        if (!here || (here.compareDocumentPosition(flagged[i]) & 4)) next = flagged[i];
      }
      next = next || flagged[0];
    } else {
      for (i = flagged.length - 1; i >= 0 && !next; i--) {
        if (!here || (here.compareDocumentPosition(flagged[i]) & 2)) next = flagged[i];
      }
      next = next || flagged[flagged.length - 1];
    }
    current = next;
    next.focus();
    next.scrollIntoView({ block: 'center' });
    try { history.replaceState(null, '', '#' + next.id); } catch (err) {}
  });
})();
`.trim();
