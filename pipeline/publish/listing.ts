/**
 * `output/index.html`: the list of published documents, with both titles, the number of block
 * links and how many need review. Interface words from `locales/` (namespace `edition`).
 */
import { h } from 'hastscript';
import { createI18n, resolveUiLanguage } from './i18n.ts';
import { renderPage } from './page.ts';
import { EDITION_CSS } from './style.ts';

/** One document in the list. `href` is relative to `output/` (e.g. `zhongnanhai/index.html`). */
export interface IndexEntry {
  doc: string;
  title: { source: string; target: string };
  href: string;
  links: number;
  flagged: number;
  /** Language tags of the titles (default `zh-Hans` and `en`). */
  lang?: { source: string; target: string };
}

const LIST_CSS = `${EDITION_CSS}
table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{text-align:left;padding:.5rem;border-bottom:1px solid #e5e5e5;vertical-align:top;overflow-wrap:anywhere}
td:lang(zh){font-family:"PingFang SC","Hiragino Sans GB","Source Han Sans SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;line-break:strict}
td:lang(en){font-family:Georgia,"Times New Roman",serif}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
@media (max-width:40rem){thead{display:none}tr{display:block;border-bottom:1px solid #d4d4d4;padding:.5rem 0}td{display:block;border:0;padding:.125rem 0}td.n{text-align:left}}`;

/**
 * The HTML text of the document list. Entries are listed in the order given; an `href` with a
 * scheme other than a relative path is rejected (`TypeError`), so the page never links off-site.
 */
export function renderIndex(entries: readonly IndexEntry[], options: { uiLang: string }): string {
  const ui = resolveUiLanguage(options.uiLang);
  const i18n = createI18n(ui);
  const t = i18n.t.bind(i18n);
  for (const e of entries) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(e.href) || e.href.startsWith('//')) throw new TypeError(`index entry ${e.doc}: href must be a relative path, got ${e.href}`);
  }
  const rows = entries.map((e) =>
    h('tr', [
      h('td', { lang: e.lang?.source ?? 'zh-Hans' }, [h('a', { href: e.href }, e.title.source)]),
      h('td', { lang: e.lang?.target ?? 'en' }, [h('a', { href: e.href }, e.title.target)]),
      h('td', { className: ['n'] }, String(e.links)),
      h('td', { className: ['n'] }, String(e.flagged)),
    ]),
  );
  const body = [
    h('main', [
      h('h1', { className: ['doc-title'] }, t('indexTitle')),
      h('table', [
        h('caption', { className: ['summary'] }, t('documentCount', { count: entries.length })),
        h('thead', [h('tr', [h('th', { scope: 'col' }, t('titleSource')), h('th', { scope: 'col' }, t('titleTarget')), h('th', { scope: 'col', className: ['n'] }, t('links')), h('th', { scope: 'col', className: ['n'] }, t('flagged'))])]),
        h('tbody', rows),
      ]),
    ]),
  ];
  return renderPage({ lang: ui, title: t('indexTitle'), css: LIST_CSS, body });
}
