/**
 * The review editor's script, served at `/client.js` (a same-origin script the page's
 * Content-Security-Policy admits; pipeline/review/page.ts). Plain browser JavaScript in a string,
 * as the edition's script is (pipeline/publish/client.ts): nothing to bundle, the same text under
 * tsx and in dist/.
 *
 * It reads the token from its page's URL (`?token=`) and sends it as `Authorization: Token T` on
 * every request; on the list page it fills in each document's link and review counts
 * (`GET /api/docs`); on an editor page it loads the document (`GET /api/doc/NAME`), renders every
 * block link (one `innerHTML` assignment: 2,000 links in well under a second), and sends each edit
 * as `POST /api/doc/NAME/edit {version, op}` (ops of the contract: merge-next, merge-prev, split,
 * move, none, confirm, unconfirm, undo, redo), then renders the state the server answers with.
 * A 409 (another tab or a revision on disk changed the document) reloads the state and says so in
 * the live region; a 400 is announced there too. Keys are listed in the page's help panel.
 * Links are put in the list in chunks (`render`): the performance mark `bitext-first-screen` is
 * set when the first chunk is in, `bitext-rendered` and `data-version` on `<main>` when every link
 * is (bench/review-page.ts reads the marks; the browser tests wait for `data-version`). The selected
 * link is kept in the URL's hash as `#bN` (the edition's id of link N), so a reload opens at it; a
 * document that cannot be read is told as "Could not open …" in the live region.
 */
export const REVIEW_JS = `
(function () {
  'use strict';
  var d = document;
  var S = JSON.parse(d.getElementById('review-strings').textContent);
  var token = new URLSearchParams(location.search).get('token') || '';
  // i18next's plural keys (key_one, key_other…, chosen by Intl.PluralRules as i18next does) for a count.
  var plural = new Intl.PluralRules(d.documentElement.lang || 'en');
  function t(key, vars) {
    var form = vars && typeof vars.count === 'number' && S[key + '_' + plural.select(vars.count)];
    return (form || S[key] || key).replace(/{{(\\w+)}}/g, function (m, name) { return vars && name in vars ? String(vars[name]) : m; });
  }
  function esc(text) {
    return String(text).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; });
  }
  function api(method, path, body) {
    var init = { method: method, headers: { Authorization: 'Token ' + token } };
    if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(path, init).then(function (r) {
      return r.text().then(function (text) {
        var data = null;
        try { data = JSON.parse(text); } catch (e) { data = { error: text }; }
        return { status: r.status, data: data };
      });
    });
  }

  var list = d.getElementById('docs');
  if (list) {
    api('GET', '/api/docs').then(function (res) {
      (res.data.docs || []).forEach(function (doc) {
        var row = list.querySelector('tr[data-doc="' + CSS.escape(doc.name) + '"]');
        if (!row) return;
        if (doc.error) {
          // A pair that cannot be read: its reason in place of the two counts.
          row.querySelector('.review').remove();
          var cell = row.querySelector('.links');
          cell.colSpan = 2;
          cell.className = 'load-error';
          cell.textContent = t('loadFailed', { doc: doc.name, error: doc.error });
          return;
        }
        row.querySelector('.links').textContent = doc.links;
        row.querySelector('.review').textContent = doc.review;
      });
    });
    return;
  }

  var header = d.querySelector('header[data-doc]');
  var doc = header.getAttribute('data-doc');
  var base = '/api/doc/' + encodeURIComponent(doc);
  var main = d.getElementById('main');
  var ol = d.getElementById('links');
  var status = d.getElementById('status');
  var help = d.getElementById('help');
  var helpToggle = d.getElementById('help-toggle');
  /** The link named by the URL's hash, #bN as the edition names link N (pipeline/publish/edition.ts), else 0. */
  function hashLink() {
    var m = /^#b(\\d+)$/.exec(location.hash);
    return m ? Number(m[1]) : 0;
  }
  var state = null, sel = hashLink(), busy = false;

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle('error', !!isError);
  }
  function side() { return d.getElementById('side-target').checked ? 'target' : 'source'; }
  function langOf(which) { return which === 'source' ? state.sourceLang : state.targetLang; }
  function blockName(which, id) { return t(which === 'source' ? 'sourceBlock' : 'targetBlock', { id: id }); }

  function cell(link, which) {
    var blocks = link[which];
    var html = '<div class="cell ' + (which === 'source' ? 'src' : 'tgt') + '" lang="' + esc(langOf(which)) + '">';
    if (!blocks.length) html += '<p class="missing">' + esc(t(which === 'source' ? 'noSource' : 'noTarget')) + '</p>';
    blocks.forEach(function (b) {
      html += '<p class="blk' + (b.kind === 'code' ? ' code' : '') + '" data-side="' + which + '" data-id="' + b.id + '"><span class="bid" title="' + esc(blockName(which, b.id)) + '">' + b.id + '</span>' + esc(b.text) + '</p>';
    });
    return html + '</div>';
  }
  /** The server's reasons for review (pipeline/review/server.ts) in the interface language; a finding's code is shown as it is. */
  var REASONS = { 'not 1-1': 'reasonNotOneToOne', 'low score': 'reasonLowScore', moved: 'reasonMoved', 'sentences not 1-1': 'reasonSentences' };
  function linkHtml(link, i) {
    var cls = 'link' + (link.review ? ' review' : '') + (link.corrected ? ' corrected' : '') + (link.moved ? ' moved' : '') + (i === sel ? ' sel' : '');
    var html = '<li class="' + cls + '" id="l' + i + '" data-i="' + i + '" tabindex="' + (i === sel ? 0 : -1) + '" aria-labelledby="h' + i + '">';
    html += '<div class="meta"><h2 id="h' + i + '">' + esc(t('link', { n: i })) + '</h2>';
    html += '<span>' + esc(t('linkType', { source: link.source.length, target: link.target.length })) + '</span>';
    html += '<span>' + esc(t('score', { score: Number(link.score).toFixed(2) })) + '</span>';
    if (link.review) html += '<span class="mark">' + esc(t('markReview')) + '</span>';
    if (link.corrected) html += '<span class="mark ok">' + esc(t('markCorrected')) + '</span>';
    if (link.moved) html += '<span class="mark">' + esc(t('markMoved')) + '</span>';
    var notes = (link.reasons || []).map(function (r) { return '<li>' + esc(REASONS[r] ? t(REASONS[r]) : r) + '</li>'; });
    (link.findings || []).forEach(function (f) {
      var lvl = f.severity === 'error' ? 'levelError' : f.severity === 'warning' ? 'levelWarning' : 'levelInfo';
      notes.push('<li class="' + esc(f.severity) + '"><strong>' + esc(t(lvl)) + '</strong> ' + esc(f.message) + '</li>');
    });
    if (notes.length) html += '<ul>' + notes.join('') + '</ul>';
    html += '</div>' + cell(link, 'source') + cell(link, 'target');
    var sents = link.sentences || [];
    // The sentence list is filled when opened (sentencesHtml): half the text of a long document is never shown.
    if (sents.length > 1) html += '<details class="sents"><summary>' + esc(t('sentences', { count: sents.length })) + '</summary><ol></ol></details>';
    return html + '</li>';
  }
  function sentencesHtml(link) {
    return link.sentences.map(function (s) {
      return '<li><span lang="' + esc(state.sourceLang) + '">' + esc(s.source.join('')) + '</span><span lang="' + esc(state.targetLang) + '">' + esc(s.target.join(' ')) + '</span></li>';
    }).join('');
  }
  function opsHtml(i) {
    var link = state.links[i], last = state.links.length - 1, html = '';
    function btn(label, op, key, disabled) {
      return '<button type="button" data-op="' + esc(JSON.stringify(op)) + '"' + (key ? ' aria-keyshortcuts="' + key + '"' : '') + (disabled ? ' disabled' : '') + '>' + esc(label) + '</button>';
    }
    html += btn(t('mergePrev'), { kind: 'merge-prev', link: i }, 'Shift+M', i === 0);
    html += btn(t('mergeNext'), { kind: 'merge-next', link: i }, 'm', i === last);
    var split = defaultSplit(link);
    html += btn(t('split'), split ? { kind: 'split', link: i, source: split[0], target: split[1] } : {}, 's', !split);
    html += link.corrected ? btn(t('unconfirm'), { kind: 'unconfirm', link: i }, 'c') : btn(t('confirm'), { kind: 'confirm', link: i }, 'c');
    ['source', 'target'].forEach(function (which) {
      var name = t(which === 'source' ? 'sourceLanguage' : 'targetLanguage');
      html += btn(t('moveUp', { side: name }), { kind: 'move', link: i, side: which, direction: 'up' }, null, i === 0 || !link[which].length);
      html += btn(t('moveDown', { side: name }), { kind: 'move', link: i, side: which, direction: 'down' }, null, i === last || !link[which].length);
    });
    ['source', 'target'].forEach(function (which) {
      link[which].forEach(function (b, j, all) {
        // Only a block at either end of its side can stand alone without splitting the link.
        if (j > 0 && j < all.length - 1) return;
        html += btn(t('noneBlock', { block: blockName(which, b.id) }), { kind: 'none', link: i, side: which, block: b.id }, null, link.source.length + link.target.length < 2);
      });
    });
    return '<div class="ops" role="group" aria-label="' + esc(t('ops', { n: i })) + '">' + html + '</div>';
  }
  /** Split after the first block of each side that has more than one, else between the sides (1-1 → 1-0 + 0-1). */
  function defaultSplit(link) {
    var a = link.source.length, b = link.target.length;
    if (a + b < 2) return null;
    if (a > 1 || b > 1) return [Math.min(1, a), Math.min(1, b)];
    return a === 1 && b === 1 ? [1, 0] : null;
  }

  /**
   * Put the state's links in the list: the first FIRST links (and the selected one) at once, the
   * rest CHUNK a task, so a long document shows its first screen before the whole list is built
   * and the page answers keys meanwhile; a newer render stops an older one. data-version is set
   * once every link is in; then done() runs.
   */
  var FIRST = 100, CHUNK = 400, generation = 0;
  function render(done) {
    var gen = ++generation, n = state.links.length, at = Math.min(n, Math.max(FIRST, sel + 1));
    function html(from, to) {
      var out = '';
      for (var i = from; i < to; i++) out += linkHtml(state.links[i], i);
      return out;
    }
    ol.innerHTML = html(0, at);
    main.removeAttribute('data-version');
    var review = state.links.filter(function (l) { return l.review; }).length;
    d.getElementById('summary').textContent = t('summary', { count: n, review: review, version: state.version });
    d.getElementById('undo').disabled = !state.canUndo;
    d.getElementById('redo').disabled = !state.canRedo;
    var stale = d.getElementById('stale');
    stale.hidden = !(state.stale && state.stale.length);
    stale.querySelector('ul').innerHTML = (state.stale || []).map(function (c) { return '<li><code>' + esc(c.link) + '</code> ' + esc(c.why) + '</li>'; }).join('');
    sel = Math.max(0, Math.min(sel, n - 1));
    select(sel, false);
    if (gen === 1) performance.mark('bitext-first-screen');
    (function more() {
      if (gen !== generation) return;
      if (at < n) {
        var to = Math.min(n, at + CHUNK);
        ol.insertAdjacentHTML('beforeend', html(at, to));
        at = to;
        setTimeout(more, 0);
        return;
      }
      main.setAttribute('data-version', String(state.version));
      if (done) done();
    })();
  }
  function select(i, focus) {
    var li = state && d.getElementById('l' + i);
    if (!li) return; // not yet in the list (render adds it soon)
    var old = d.getElementById('l' + sel);
    if (old) {
      old.classList.remove('sel');
      old.tabIndex = -1;
      var ops = old.querySelector('.ops');
      if (ops) ops.remove();
    }
    sel = i;
    // A link the editor selected goes in the hash, so a reload or a new tab opens at it; the page's
    // own first selection (link 0) leaves the URL as it was opened.
    if (focus && location.hash !== '#b' + i) history.replaceState(null, '', '#b' + i);
    li.classList.add('sel');
    li.tabIndex = 0;
    li.insertAdjacentHTML('beforeend', opsHtml(i));
    if (focus) {
      li.focus({ preventScroll: true });
      li.scrollIntoView({ block: 'nearest' });
    }
  }
  /** Fetch the saved state and render it; resolves once every link is in the list. */
  function load(message) {
    return api('GET', base).then(function (res) {
      if (res.status !== 200) {
        // Not an edit that failed: the document itself cannot be read (e.g. an empty en.md).
        d.getElementById('summary').textContent = '';
        say(t('loadFailed', { doc: doc, error: res.data.error || res.status }), true);
        return;
      }
      state = res.data;
      if (message) say(message);
      return new Promise(function (resolve) { render(resolve); });
    });
  }
  var LABELS = { 'merge-next': 'mergeNext', 'merge-prev': 'mergePrev', split: 'split', confirm: 'confirm', unconfirm: 'unconfirm', undo: 'undo', redo: 'redo', none: 'none' };
  function edit(op) {
    if (!state || busy) return;
    busy = true;
    var what = op.kind === 'move' ? t(op.direction === 'up' ? 'moveUp' : 'moveDown', { side: t(op.side === 'source' ? 'sourceLanguage' : 'targetLanguage') }) : t(LABELS[op.kind]);
    api('POST', base + '/edit', { version: state.version, op: op }).then(function (res) {
      if (res.status === 200) {
        state = res.data;
        if (op.kind === 'merge-prev') sel = Math.max(0, op.link - 1);
        render();
        select(sel, true);
        say(t('saved', { what: what, version: state.version }));
      } else if (res.status === 409) {
        return load(t('staleTab'));
      } else {
        say(t('failed', { error: (res.data && res.data.error) || res.status }), true);
      }
    }).catch(function (e) { say(t('failed', { error: e.message }), true); }).then(function () { busy = false; });
  }
  function nextToReview() {
    if (!state) return;
    var n = state.links.length;
    for (var k = 1; k <= n; k++) {
      var j = (sel + k) % n;
      if (state.links[j].review) { select(j, true); return; }
    }
    say(t('nothingToReview'));
  }
  function blockOp(kind, extra) {
    var link = state.links[sel], which = side();
    if (!link[which].length) return;
    var op = { kind: kind, link: sel, side: which };
    if (kind === 'none') op.block = link[which][0].id;
    else op.direction = extra;
    edit(op);
  }
  function toggleHelp() {
    help.hidden = !help.hidden;
    helpToggle.setAttribute('aria-expanded', String(!help.hidden));
  }

  ol.addEventListener('click', function (e) {
    var b = e.target.closest('button[data-op]');
    if (b) { edit(JSON.parse(b.getAttribute('data-op'))); return; }
    if (e.target.closest('summary')) return;
    var li = e.target.closest('.link');
    if (li && Number(li.getAttribute('data-i')) !== sel) select(Number(li.getAttribute('data-i')), true);
  });
  ol.addEventListener('toggle', function (e) {
    var list = e.target.open && e.target.querySelector('ol');
    if (list && !list.firstChild) list.innerHTML = sentencesHtml(state.links[Number(e.target.closest('.link').getAttribute('data-i'))]);
  }, true);
  d.getElementById('next').addEventListener('click', nextToReview);
  d.getElementById('undo').addEventListener('click', function () { edit({ kind: 'undo' }); });
  d.getElementById('redo').addEventListener('click', function () { edit({ kind: 'redo' }); });
  helpToggle.addEventListener('click', toggleHelp);
  d.addEventListener('keydown', function (e) {
    var tg = e.target;
    if (!state || e.metaKey || (tg && (tg.isContentEditable || /^(TEXTAREA|SELECT)$/.test(tg.tagName) || (tg.tagName === 'INPUT' && tg.type !== 'radio')))) return;
    var k = e.key, last = state.links.length - 1, handled = true;
    if (e.ctrlKey) {
      if ((k === 'z' || k === 'Z') && !e.shiftKey) edit({ kind: 'undo' });
      else if (k === 'y' || ((k === 'z' || k === 'Z') && e.shiftKey)) edit({ kind: 'redo' });
      else handled = false;
    } else if (e.altKey) {
      if (k === 'ArrowUp') blockOp('move', 'up');
      else if (k === 'ArrowDown') blockOp('move', 'down');
      else handled = false;
    } else if (k === 'j' || k === 'ArrowDown') select(Math.min(last, sel + 1), true);
    else if (k === 'k' || k === 'ArrowUp') select(Math.max(0, sel - 1), true);
    else if (k === 'ArrowLeft' || k === 'ArrowRight') { d.getElementById(k === 'ArrowLeft' ? 'side-source' : 'side-target').checked = true; }
    else if (k === 'n') nextToReview();
    else if (k === 'm') edit({ kind: 'merge-next', link: sel });
    else if (k === 'M') edit({ kind: 'merge-prev', link: sel });
    else if (k === 's') {
      var split = defaultSplit(state.links[sel]);
      if (split) edit({ kind: 'split', link: sel, source: split[0], target: split[1] });
    } else if (k === '[') blockOp('move', 'up');
    else if (k === ']') blockOp('move', 'down');
    else if (k === 'x') blockOp('none');
    else if (k === 'c') edit({ kind: state.links[sel].corrected ? 'unconfirm' : 'confirm', link: sel });
    else if (k === 'u') edit({ kind: 'undo' });
    else if (k === '?') toggleHelp();
    else handled = false;
    if (handled) e.preventDefault();
  });

  window.addEventListener('hashchange', function () {
    if (state && hashLink() < state.links.length) select(hashLink(), true);
  });

  var opened = location.hash !== '';
  load().then(function () {
    if (!state) return;
    performance.mark('bitext-rendered');
    if (opened) select(sel, true);
  });
})();
`.trim();
