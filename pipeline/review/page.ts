/**
 * The review editor's HTML (served by pipeline/review/server.ts; the contract is issue 12's
 * "review editor" section): the shell of one document's editor — header with the status line, the
 * buttons that act on the whole document, the keyboard help panel and an empty list the page
 * script (`REVIEW_JS`, pipeline/review/client.ts, served at `/client.js`) fills from
 * `GET /api/doc/NAME` — or the list of documents when the server's root holds several.
 * Interface words come from `locales/<lng>/review.json` through the edition's i18n
 * (pipeline/publish/i18n.ts); colours and font stacks are the edition's (pipeline/publish/style.ts).
 */
import { h } from 'hastscript';
import type { ElementContent } from 'hast';
import { createI18n, renderPage } from '../publish/index.ts';
import { DARK, LIGHT } from '../publish/style.ts';
import { REVIEW_JS } from './client.ts';

/** What the server knows when it answers `GET /` or `GET /doc/NAME`. */
export interface ReviewPageOptions {
  /** The server's token: the page names it in its script URL and its links. */
  token: string;
  /** The document to edit (its pair's `doc` name); absent for the list page. */
  doc?: string;
  /** The documents to list when `doc` is absent. */
  docs?: string[];
  /** The interface language tag (resolved by `resolveUiLanguage`: en, zh-Hans or zh-Hant). */
  lang?: string;
}

/**
 * The interface words of namespace `review` for `lang`, with `{{name}}` placeholders left for
 * the page script to fill; a word missing in the language falls back to English (the fallback
 * rule of pipeline/publish/i18n.ts).
 */
export function reviewStrings(lang: string | undefined): { lang: string; strings: Record<string, string> } {
  const i18n = createI18n(lang, { namespace: 'review' });
  const bundle = (lng: string) => (i18n.getResourceBundle(lng, 'review') ?? {}) as Record<string, string>;
  return { lang: i18n.language, strings: { ...bundle('en'), ...bundle(i18n.language) } };
}

/**
 * The editor page for `options.doc`, or the document list when `doc` is absent (each document a
 * link to `/doc/NAME?token=…`; the script adds link and review counts from `/api/docs`). Returns
 * the HTML text. Works only with its script (it edits through the server's API).
 */
export function reviewPage(options: ReviewPageOptions): string {
  const { lang, strings } = reviewStrings(options.lang);
  const tok = encodeURIComponent(options.token);
  const title = options.doc === undefined ? strings.listTitle : strings.docTitle.replace('{{doc}}', options.doc);
  // JSON inside <script> ends at the first "</": escaping every "<" keeps it whole.
  const data = h('script', { type: 'application/json', id: 'review-strings' }, JSON.stringify(strings).replace(/</g, '\\u003c'));
  const body: ElementContent[] = options.doc === undefined ? listBody(options.docs ?? [], tok, strings) : editorBody(options.doc, strings);
  return renderPage({ lang, title, css: REVIEW_CSS, script: `/client.js?token=${tok}`, body: [...body, data] });
}

/** The page's script, as `GET /client.js` serves it (pipeline/review/client.ts). */
export function reviewScript(): string {
  return REVIEW_JS;
}

function listBody(docs: string[], tok: string, s: Record<string, string>): ElementContent[] {
  return [
    h('main.list', { id: 'docs' }, [
      h('h1', s.listTitle),
      docs.length === 0
        ? h('p', s.noDocs)
        : h('table', [
            h('thead', h('tr', [h('th', { scope: 'col' }, s.document), h('th', { scope: 'col' }, s.links), h('th', { scope: 'col' }, s.toReview)])),
            h(
              'tbody',
              docs.map((name) =>
                h('tr', { dataDoc: name }, [h('td', h('a', { href: `/doc/${encodeURIComponent(name)}?token=${tok}` }, name)), h('td.num.links', '–'), h('td.num.review', '–')]),
              ),
            ),
          ]),
    ]),
  ];
}

function editorBody(doc: string, s: Record<string, string>): ElementContent[] {
  const keys = ['keySelect', 'keyNext', 'keySide', 'keyMerge', 'keySplit', 'keyMove', 'keyNone', 'keyConfirm', 'keyUndo', 'keyHelp'];
  return [
    h('header.top', { dataDoc: doc }, [
      h('h1', s.docTitle.replace('{{doc}}', doc)),
      h('p.summary', { id: 'summary' }, s.loading),
      h('div.tools', [
        h('button', { type: 'button', id: 'next', ariaKeyShortcuts: 'n' }, s.nextToReview),
        h('button', { type: 'button', id: 'undo', disabled: true, ariaKeyShortcuts: 'u Control+Z' }, s.undo),
        h('button', { type: 'button', id: 'redo', disabled: true, ariaKeyShortcuts: 'Control+Shift+Z Control+Y' }, s.redo),
        h('fieldset.side', [
          h('legend', s.side),
          h('label', [h('input', { type: 'radio', name: 'side', id: 'side-source', value: 'source', checked: true }), s.sourceLanguage]),
          h('label', [h('input', { type: 'radio', name: 'side', id: 'side-target', value: 'target' }), s.targetLanguage]),
        ]),
        h('button', { type: 'button', id: 'help-toggle', ariaExpanded: 'false', ariaControls: 'help', ariaKeyShortcuts: '?' }, s.help),
      ]),
      h('section', { id: 'help', hidden: true, ariaLabelledBy: 'help-title' }, [h('h2', { id: 'help-title' }, s.keysTitle), h('ul', keys.map((k) => h('li', s[k])))]),
      h('p.status', { id: 'status', role: 'status', ariaLive: 'polite' }),
    ]),
    h('section.stale', { id: 'stale', hidden: true, ariaLabelledBy: 'stale-title' }, [h('h2', { id: 'stale-title' }, s.stale), h('ul')]),
    h('main', { id: 'main' }, h('ol.links', { id: 'links', ariaLabel: s.links })),
  ];
}

/**
 * The editor's stylesheet: the edition's palette (light, dark when the system prefers it) and
 * font stacks; each link a grid `[meta] [Chinese] [English]`, stacked in one column at 600 px
 * and below (a phone), where the header stays on screen as on a desktop and the selected link's
 * buttons stand in two columns. A code block keeps its white space and line breaks, in monospace. Rows skip layout and paint while off screen (`content-visibility`), so a
 * 2,000-link document opens as fast as a short one.
 */
export const REVIEW_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{${LIGHT};margin:0;color:var(--fg);background:var(--bg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
@media (prefers-color-scheme:dark){body{${DARK}}}
a{color:var(--link)}
h1{font-size:1.35rem;margin:0 0 .25rem}
h2{font-size:1rem;margin:0}
.top{position:sticky;top:0;z-index:1;background:var(--bg);padding:.5rem 1rem;border-bottom:1px solid var(--line)}
.summary{margin:0;color:var(--muted);font-size:.875rem}
.tools{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;margin:.5rem 0 0}
button{font:inherit;font-size:.875rem;color:var(--fg);background:var(--code);border:1px solid var(--line);border-radius:4px;padding:.25rem .625rem;cursor:pointer;min-height:2rem}
button:hover:not(:disabled){background:var(--hover)}
button:disabled{cursor:default;color:var(--muted)}
button:focus-visible,.link:focus-visible,input:focus-visible,a:focus-visible,summary:focus-visible{outline:2px solid var(--link);outline-offset:2px}
fieldset.side{display:flex;gap:.75rem;align-items:center;border:0;margin:0;padding:0;font-size:.875rem}
fieldset.side legend{float:left;margin-right:.25rem;color:var(--muted)}
fieldset.side input{margin:0 .25rem 0 0;accent-color:var(--link)}
#help{margin:.5rem 0 0;padding:.5rem .75rem;border:1px solid var(--rule);border-radius:4px;font-size:.875rem}
#help ul{margin:.25rem 0 0;padding-left:1.25rem}
.status{margin:.25rem 0 0;min-height:1.5em;font-size:.875rem}
.status.error{color:var(--flag-fg);background:var(--flag-bg);padding:0 .25rem;border-radius:3px}
.stale{margin:.5rem 1rem 0;padding:.5rem .75rem;background:var(--flag-bg);color:var(--flag-fg);border-radius:4px;font-size:.875rem}
.stale ul{margin:.25rem 0 0;padding-left:1.25rem}
main{padding:0 1rem 2rem}
.links{list-style:none;margin:0;padding:0}
.link{display:grid;grid-template-columns:9rem minmax(0,1fr) minmax(0,1fr);column-gap:1rem;row-gap:.25rem;padding:.5rem;border-bottom:1px solid var(--rule);content-visibility:auto;contain-intrinsic-size:auto 5rem;cursor:pointer}
.link.review{background:var(--review-bg)}
.link.corrected{box-shadow:inset 4px 0 var(--link)}
.link.review.moved,.link.review:not(.corrected){box-shadow:inset 4px 0 var(--mark)}
.link.sel{outline:2px solid var(--link);outline-offset:-2px;background:var(--hl);content-visibility:visible}
.meta{grid-column:1;grid-row:1 / span 3;font-size:.75rem;color:var(--muted);overflow-wrap:anywhere}
.meta h2{font-size:.8125rem;color:var(--fg)}
.meta span{display:inline-block;margin-right:.25rem}
.mark{background:var(--flag-bg);color:var(--flag-fg);border-radius:3px;padding:0 .25rem}
.mark.ok{background:var(--hover);color:var(--fg)}
.meta ul{list-style:none;margin:.25rem 0 0;padding:0}
.cell{grid-row:1;min-width:0;overflow-wrap:anywhere}
.cell.src{grid-column:2}.cell.tgt{grid-column:3}
.cell:lang(zh){font-family:"PingFang SC","Hiragino Sans GB","Source Han Sans SC","Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;line-break:strict;line-height:1.8}
.cell:lang(en){font-family:Georgia,"Iowan Old Style","Palatino Linotype","Book Antiqua","Times New Roman","Noto Serif",serif}
.blk{margin:0 0 .375rem}
.blk.code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono","Noto Sans Mono CJK SC",monospace;font-size:.875rem;line-height:1.5;white-space:pre-wrap;background:var(--code);padding:.25rem .375rem;border-radius:3px}
.bid{display:inline-block;min-width:1.75rem;margin-right:.25rem;color:var(--muted);font:.75rem system-ui,sans-serif}
.missing{color:var(--muted);font-style:italic;font-size:.875rem;margin:0}
.sents{grid-column:2 / span 2;font-size:.875rem}
.sents summary{cursor:pointer;color:var(--muted)}
.sents ol{margin:.25rem 0 0;padding-left:1.5rem}
.sents li{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1rem;border-top:1px solid var(--rule)}
.ops{grid-column:2 / span 2;display:flex;flex-wrap:wrap;gap:.375rem;padding:.25rem 0 0}
.list{max-width:48rem;margin:0 auto;padding:1rem}
.list table{border-collapse:collapse;width:100%}
.list th,.list td{text-align:left;padding:.375rem .5rem;border-bottom:1px solid var(--rule)}
.list .load-error{color:var(--flag-fg);background:var(--flag-bg)}
.list .num{text-align:right;font-variant-numeric:tabular-nums}
@media (max-width:600px){
.top{padding:.375rem .75rem}
h1{font-size:1rem}
.tools{gap:.375rem .75rem;margin-top:.25rem}
.link{grid-template-columns:minmax(0,1fr)}
.meta,.cell.src,.cell.tgt,.sents,.ops{grid-column:1;grid-row:auto}
.sents li{grid-template-columns:minmax(0,1fr)}
.ops{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:.25rem}
.ops button{min-height:2.75rem;font-size:.8125rem;line-height:1.2;padding:.125rem .375rem}
}
`.trim();
