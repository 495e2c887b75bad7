/**
 * The diff page that `bitext diff --html FILE` writes: an `AlignmentDiff` (`pipeline/diff/diff.ts`)
 * as a self-contained HTML page in the same frame as the edition (`renderPage`).
 */
import { h } from 'hastscript';
import type { ElementContent } from 'hast';
import type { AlignmentDiff } from '../types.ts';
import { createI18n, resolveUiLanguage } from './i18n.ts';
import { renderPage } from './page.ts';

const DIFF_CSS = `
body{margin:0 auto;max-width:60rem;padding:1rem;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff}
h1{font-size:1.4rem}h2{font-size:1.05rem;margin:1.5rem 0 .25rem}
.side{margin:.25rem 0;overflow-wrap:anywhere}
.side:lang(zh){font-family:"PingFang SC","Hiragino Sans GB","Source Han Sans SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;line-break:strict}
.side:lang(en){font-family:Georgia,"Times New Roman",serif}
del{background:#fde2e1;color:#8a1c13}ins{background:#dcf5e3;color:#0f5323;text-decoration:underline}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e5e5;padding:.25rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
.origin{white-space:nowrap;overflow-wrap:normal}
`.trim();

/**
 * The diff as a self-contained HTML page (`bitext diff --html FILE`): removed text in `<del>`,
 * added in `<ins>`, each side's text with its language tag, interface words from `locales/`
 * (namespace `diff`). The stale-units table never breaks inside an origin (`doc#link`) or its
 * header; the text columns take the rest of the width.
 */
export function formatDiffHtml(diff: AlignmentDiff, options: { uiLang?: string } = {}): string {
  const ui = resolveUiLanguage(options.uiLang);
  const i18n = createI18n(ui, { namespace: 'diff' });
  const t = i18n.t.bind(i18n);
  const body: ElementContent[] = [
    h('h1', t('title', { doc: diff.doc })),
    h('p', t('summary', { changed: diff.counts.changed, repaired: diff.counts['re-paired'], added: diff.counts.added, removed: diff.counts.removed, unchanged: diff.unchanged })),
    h('p', [h('code', diff.oldLabel), ' → ', h('code', diff.newLabel)]),
    ...diff.changes.flatMap((change) => [
      h('h2', `${t(`kind.${change.kind}`)}: ${change.old.pairs.join(' + ') || '—'} → ${change.new.pairs.join(' + ') || '—'}`),
      ...change.changes.map((c) =>
        h('p', { className: ['side'], lang: c.lang }, c.parts.map((p) => (p.removed ? h('del', p.value) : p.added ? h('ins', p.value) : p.value))),
      ),
    ]),
    h('h2', t('stale', { count: diff.staleUnits.length })),
    ...(diff.staleUnits.length
      ? [
          h('table', [
            h('thead', [h('tr', [h('th', { scope: 'col', className: ['origin'] }, t('origin')), h('th', { scope: 'col' }, t('source')), h('th', { scope: 'col' }, t('target'))])]),
            h('tbody', diff.staleUnits.map((u) => h('tr', [h('td', { className: ['origin'] }, `${u.origin.doc}#${u.origin.link}`), h('td', { lang: diff.sourceLang }, u.source), h('td', { lang: diff.targetLang }, u.target)]))),
          ]),
        ]
      : []),
  ];
  return renderPage({ lang: ui, title: t('title', { doc: diff.doc }), css: DIFF_CSS, body });
}
