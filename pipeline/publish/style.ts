/**
 * The edition's stylesheet (inlined into every page; no web fonts, nothing fetched).
 *
 * Views work without JavaScript: radio buttons in the page's form set CSS custom properties
 * through `body:has(#id:checked)` and the grid of every row reads them. Ids used:
 * `view-both|view-src|view-tgt`, `layout-side|layout-alt`, `order-src|order-tgt`, `review`,
 * `theme-auto|theme-light|theme-dark`.
 * Every row is a grid `[meta] [cell] [gap] [cell]`; the meta column (link number, type, score,
 * flags, check findings: QA data) is 0 wide and hidden outside review mode. In review mode rows in
 * the review queue (`.queue`) are tinted and rows whose block link itself is doubtful (`.flag`) get
 * a bar at the left.
 * A single-language view puts its one cell in the first grid row whatever the layout and order
 * (otherwise, in "alternating" + the hidden language first, the cell sat in row 2 below an empty
 * row 1 that the two-row meta column stretched: a blank band in tall-meta rows).
 * Measure: single-language and alternating views narrow `main` to 42rem (review: 50rem, the meta
 * column added), so a line holds at most about 36 CJK characters (17px type), and English cells
 * stop at 62ch — in `ch`, the width of "0", because Latin prose averages about 0.84ch a character
 * in Times- and DejaVu-like serifs alike, so about 74 characters whichever font the reader has; the languages are kept 1rem apart in every layout (row gap, column gap).
 * Narrow screens (≤ 40rem) stack every row in one column and hide the layout choice, which would
 * change nothing there. Colours are custom properties: dark when the system prefers it (unless
 * "Light" is chosen) or when "Dark" is chosen. Print sets both languages at one size, in black
 * on white, without controls or QA data.
 * The header's review count, link to the first link to review and review keys (`.summary
 * .review-only`) are QA data too: shown in review mode only.
 * Typography tells the languages apart: Chinese cells use a Simplified (or Traditional) CJK
 * sans-serif stack with `line-break: strict`, English cells a Latin serif first. Chinese cells
 * mark emphasis with CJK emphasis dots, except emphasis holding no Han (`.latin`,
 * pipeline/publish/markup.ts), which is set in italics: dots under Latin letters read as noise.
 */
/** The light palette as CSS custom properties (the review editor, pipeline/review/page.ts, shares it). */
export const LIGHT = '--fg:#1a1a1a;--bg:#fff;--muted:#4a4a4a;--line:#d4d4d4;--rule:#e5e5e5;--link:#1d4ed8;--hover:#eef4ff;--hl:#dbeafe;--code:#f5f5f5;--flag-bg:#fff3cd;--flag-fg:#5c4400;--mark:#b58100;--review-bg:#fffbe6;--caption:#3d3d3d;color-scheme:light';
/** The light colours, winning over the dark ones and the review layout whatever the selectors (print). */
const PRINT = `${LIGHT};--fg:#000;--muted:#000;--link:#000;--meta:0px`.split(';').map((d) => `${d}!important`).join(';');
/** The dark palette, likewise. */
export const DARK = '--fg:#e8e8e8;--bg:#141414;--muted:#b8b8b8;--line:#3d3d3d;--rule:#2e2e2e;--link:#93b8ff;--hover:#1f2a3d;--hl:#27406b;--code:#232323;--flag-bg:#3d3200;--flag-fg:#ffe28a;--mark:#d9a400;--review-bg:#2b2500;--caption:#cfcfcf;color-scheme:dark';

export const EDITION_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{${LIGHT};
margin:0;color:var(--fg);background:var(--bg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
--meta:0px;--cols:var(--meta) minmax(0,1fr) 1.5rem minmax(0,1fr);--src-col:2;--tgt-col:4;--src-row:1;--tgt-row:1;--meta-rows:1;--src-n:1;--tgt-n:2}
@media (prefers-color-scheme:dark){body:not(:has(#theme-light:checked)){${DARK}}}
body:has(#theme-dark:checked){${DARK}}
body:has(#review:checked){--meta:8rem;--src-n:2;--tgt-n:3}
body:has(#order-tgt:checked){--src-col:4;--tgt-col:2;--src-n:2;--tgt-n:1}
body:has(#review:checked):has(#order-tgt:checked){--src-n:3;--tgt-n:2}
body:has(#layout-alt:checked){--cols:var(--meta) minmax(0,1fr);--src-col:2;--tgt-col:2;--src-row:1;--tgt-row:2;--meta-rows:2}
body:has(#layout-alt:checked):has(#order-tgt:checked){--src-row:2;--tgt-row:1}
body:has(#view-src:checked),body:has(#view-tgt:checked){--cols:var(--meta) minmax(0,1fr);--src-col:2;--tgt-col:2;--meta-rows:1}
body:has(#view-src:checked):has(#layout-alt:checked),body:has(#view-tgt:checked):has(#layout-alt:checked){--src-row:1;--tgt-row:1}
body:has(#view-src:checked),body:has(#view-tgt:checked){--src-n:1;--tgt-n:1}
body:has(#review:checked):is(:has(#view-src:checked),:has(#view-tgt:checked)){--src-n:2;--tgt-n:2}
body:has(#view-src:checked) .tgt,body:has(#view-tgt:checked) .src{display:none}
.top{max-width:76rem;margin:0 auto;padding:.75rem 1rem;border-bottom:1px solid var(--line)}
.controls{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:0}
.controls fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .75rem}
.controls legend{float:left;font-weight:600;margin-right:.5rem}
.controls label{cursor:pointer;white-space:nowrap}
.controls input{margin:0 .25rem 0 0;accent-color:var(--link)}
.summary{margin:.5rem 0 0;color:var(--muted);font-size:.875rem}
body:not(:has(#review:checked)) .summary .review-only{display:none}
a{color:var(--link)}
.crumbs{margin:.5rem 0 0;font-size:.875rem}
main{max-width:76rem;margin:0 auto;padding:0 1rem 2rem}
body:has(#view-src:checked) main,body:has(#view-tgt:checked) main,body:has(#layout-alt:checked) main{max-width:42rem}
body:has(#review:checked):is(:has(#view-src:checked),:has(#view-tgt:checked),:has(#layout-alt:checked)) main{max-width:50rem}
.doc-title{font-size:1.5rem;margin:1rem 0}
.byline{color:var(--muted);font-size:.875rem;margin:-.5rem 0 1rem}
.toc{margin:0 0 1rem;padding:.5rem .75rem;border:1px solid var(--rule);border-radius:4px;font-size:.9375rem}
.toc summary{cursor:pointer;font-weight:600}
.toc ol{margin:.5rem 0 0;padding-left:1.25rem}
.toc ol ol{margin:0}
.toc li .tgt{margin-left:.5rem}
body:has(#view-src:checked) .toc li .tgt,body:has(#view-tgt:checked) .toc li .tgt{margin-left:0}
.row{display:grid;grid-template-columns:var(--cols);column-gap:0;row-gap:1rem;padding:.625rem .5rem;border-bottom:1px solid var(--rule)}
.row:focus{outline:2px solid var(--link);outline-offset:2px}
.meta{display:none;grid-column:1;grid-row:1 / span var(--meta-rows);font-size:.75rem;line-height:1.4;color:var(--muted);padding:.25rem 1rem 0 0;overflow-wrap:anywhere}
body:has(#review:checked) .meta{display:block}
.meta a{color:var(--muted)}
.meta span{display:inline-block;margin-right:.25rem}
.meta .flag{background:var(--flag-bg);color:var(--flag-fg);border-radius:3px;padding:0 .25rem}
.meta .next{color:var(--link)}
.findings{list-style:none;margin:.25rem 0 0;padding:0}
.findings li{margin:.125rem 0}
.findings .lvl{font-weight:600}
.findings .error .lvl{color:var(--flag-fg);background:var(--flag-bg);padding:0 .25rem;border-radius:3px}
.cell{grid-column:var(--src-col);grid-row:var(--src-row);min-width:0;overflow-wrap:anywhere}
.cell.tgt{grid-column:var(--tgt-col);grid-row:var(--tgt-row)}
.cell>:first-child{margin-top:0}
.cell>:last-child{margin-bottom:0}
.cell p,.cell blockquote,.cell pre{margin:0 0 .5rem}
.cell h1,.cell h2,.cell h3,.cell h4,.cell h5,.cell h6{margin:0 0 .5rem;line-height:1.3}
.cell h1{font-size:1.75rem}.cell h2{font-size:1.35rem}.cell h3{font-size:1.15rem}
.cell .caption{font-style:italic;color:var(--caption);font-size:.9375em}
.cell blockquote{border-left:3px solid var(--line);padding-left:.75rem}
.cell .li::before{content:"•";margin-right:.5em}
.cell .li.d2{padding-left:1.5em}.cell .li.d3{padding-left:3em}
.cell pre{white-space:pre-wrap;background:var(--code);padding:.5rem}
.cell:lang(zh){font-family:"PingFang SC","Hiragino Sans GB","Source Han Sans SC","Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;line-break:strict;line-height:1.85;font-size:1.0625rem}
.cell:lang(zh-Hant){font-family:"PingFang TC","Source Han Sans TC","Noto Sans CJK TC","Noto Sans TC","Microsoft JhengHei",sans-serif}
.cell:lang(zh) em,.cell:lang(zh) i{font-style:normal;text-emphasis:filled dot;-webkit-text-emphasis:filled dot;text-emphasis-position:under right;-webkit-text-emphasis-position:under}
.cell:lang(zh) .caption em,.cell:lang(zh) em.latin,.cell:lang(zh) i.latin{text-emphasis:none;-webkit-text-emphasis:none}
.cell:lang(zh) em.latin,.cell:lang(zh) i.latin{font-style:italic}
.cell:lang(en){font-family:Georgia,"Iowan Old Style","Palatino Linotype","Book Antiqua","Times New Roman","Noto Serif",serif;line-height:1.6;hyphens:auto;max-width:62ch}
.missing{color:var(--muted);font-style:italic;font-family:system-ui,sans-serif;font-size:.875rem}
.s{border-radius:2px}
.s:hover{background:var(--hover)}
.s:focus{outline:2px solid var(--link);outline-offset:1px}
.s.hl{background:var(--hl)}
body:has(#review:checked) .row.queue{background:var(--review-bg)}
body:has(#review:checked) .row.flag{box-shadow:inset 5px 0 var(--mark)}
body:has(#review:checked) .s.fs{text-decoration:underline wavy var(--mark);text-underline-offset:.25em}
footer{max-width:76rem;margin:0 auto;padding:1rem;color:var(--muted);font-size:.8125rem;border-top:1px solid var(--line)}
@media (max-width:40rem){
.controls .layout{display:none}
.row{grid-template-columns:minmax(0,1fr);padding:.5rem 0}
.meta{grid-column:1;grid-row:1;padding:0}
.cell{grid-column:1;grid-row:var(--src-n)}
.cell.tgt{grid-column:1;grid-row:var(--tgt-n)}
}
@media print{
body{${PRINT};font-size:10.5pt}
.controls,.summary,.crumbs,.meta,.toc{display:none!important}
.top{padding:0;border:0}
main,body:has(#review:checked) main{max-width:none}
.row{break-inside:avoid;box-shadow:none!important;background:none!important}
.cell:lang(zh){font-size:1em}
.s.hl,.s:hover{background:none}
.s.fs{text-decoration:none!important}
footer{border:0}
}
`.trim();
