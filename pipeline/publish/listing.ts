/**
 * `output/index.html`: the list of published documents, with both titles, the number of block
 * links and how many need review. On phones the table's rows become blocks and each number
 * carries its column's name (`data-label`, shown by CSS), since the header row is hidden there. Interface words from `locales/` (namespace `edition`).
 */
import { h } from 'hastscript';
import type { BySide, LanguageTag } from '../types.ts';
import { createI18n, resolveUiLanguage } from './i18n.ts';
import { renderPage, offSite } from './page.ts';
import { EDITION_CSS } from './style.ts';
import { chineseScript } from './edition.ts';

/** One document in the list. `href` is relative to `output/` (e.g. `zhongnanhai/index.html`). */
export interface IndexEntry {
  doc: string;
  title: BySide<string>;
  href: string;
  links: number;
  /** The links to review: the length of the edition's review queue (`toReview` in pipeline/check/review.ts, with `check`'s findings). */
  flagged: number;
  /** Language tags of the titles (default `zh-Hans` and `en`). */
  lang?: BySide<LanguageTag>;
  /**
   * The same edition in Traditional script (`index.hant.html`), `href` relative to `output/`.
   * The row then links both editions; with a `zh-Hant` interface the Traditional one comes first,
   * under the title converted to Traditional.
   */
  alternate?: { href: string; script: 'hant' };
}

const LIST_CSS = `${EDITION_CSS}
table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{text-align:left;padding:.5rem;border-bottom:1px solid var(--rule);vertical-align:top;overflow-wrap:anywhere}
td:lang(zh){font-family:"PingFang SC","Hiragino Sans GB","Source Han Sans SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;line-break:strict}
td:lang(en){font-family:Georgia,"Times New Roman",serif}
td a.script{font-size:.8125rem;white-space:nowrap;margin-left:.25rem;font-family:system-ui,sans-serif}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
@media (max-width:40rem){thead{display:none}tr{display:block;border-bottom:1px solid var(--line);padding:.5rem 0}td{display:block;border:0;padding:.125rem 0}td.n{text-align:left}td.n::before{content:attr(data-label) ": ";color:var(--muted)}}`;

/**
 * The HTML text of the document list. Entries are listed in the order given; an entry with an
 * `alternate` (Traditional) edition gets a second, short link to it ("繁體"/"Traditional", from
 * `locales/`), or, with a `zh-Hant` interface, leads with the Traditional edition and title and
 * links the Simplified one ("簡體"). An `href` (or alternate `href`) with a scheme, or starting
 * `//`, is rejected (`TypeError`), so the page never links off-site.
 */
export function renderIndex(entries: readonly IndexEntry[], options: { uiLang: string }): string {
  const ui = resolveUiLanguage(options.uiLang);
  const i18n = createI18n(ui);
  const t = i18n.t.bind(i18n);
  for (const e of entries) {
    for (const href of [e.href, ...(e.alternate ? [e.alternate.href] : [])]) {
      if (offSite(href)) throw new TypeError(`index entry ${e.doc}: href must be a relative path, got ${href}`);
    }
  }
  const rows = entries.map((e) => {
    const sourceLang = e.lang?.source ?? 'zh-Hans';
    const hant = e.alternate && ui === 'zh-Hant' ? chineseScript(sourceLang, 'hant') : undefined;
    // Main link: the edition in the interface's script; second link: the other script's edition.
    const main = hant ? { href: e.alternate!.href, lang: hant.lang, title: hant.map ? hant.map(e.title.source) : e.title.source } : { href: e.href, lang: sourceLang, title: e.title.source };
    const other = e.alternate
      ? hant
        ? { href: e.href, hrefLang: sourceLang, label: t('scriptHansShort'), name: t('scriptHans') }
        : { href: e.alternate.href, hrefLang: 'zh-Hant', label: t('scriptHantShort'), name: t('scriptHant') }
      : undefined;
    return h('tr', [
      h('td', { lang: main.lang }, [
        h('a', { href: main.href }, main.title),
        ...(other ? [' ', h('a', { href: other.href, hrefLang: other.hrefLang, lang: ui, className: ['script'], title: other.name }, other.label)] : []),
      ]),
      h('td', { lang: e.lang?.target ?? 'en' }, [h('a', { href: main.href }, e.title.target)]),
      h('td', { className: ['n'], dataLabel: t('links') }, String(e.links)),
      h('td', { className: ['n'], dataLabel: t('flagged') }, String(e.flagged)),
    ]);
  });
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
