/**
 * publish — the bilingual edition (`renderEdition`, one page per document), the document list
 * (`renderIndex`) and the diff page (`formatDiffHtml`), with the interface language machinery
 * (`resolveUiLanguage`, `createI18n`).
 * Pages are self-contained HTML: inline CSS and script, no network, readable without JavaScript.
 */
export { documentTitle, renderEdition, type EditionOptions } from './edition.ts';
export { renderIndex, type IndexEntry } from './listing.ts';
export { formatDiffHtml } from './diff-page.ts';
export { resolveUiLanguage, createI18n, loadLocales, LOCALES_DIR, UI_LANGUAGES, type UiLanguage } from './i18n.ts';
export { inlineToHast } from './markup.ts';
export { GENERATOR, renderPage } from './page.ts';
