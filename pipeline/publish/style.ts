/**
 * The edition's stylesheet (inlined into every page; no web fonts, nothing fetched).
 *
 * Views work without JavaScript: radio buttons in the page's form set CSS custom properties
 * through `body:has(#id:checked)` and the grid of every row reads them. Ids used:
 * `view-both|view-src|view-tgt`, `layout-side|layout-alt`, `order-src|order-tgt`, `review`.
 * A single-language view puts its one cell in the first grid row whatever the layout and order
 * (otherwise, in "alternating" + the hidden language first, the cell sat in row 2 below an empty
 * row 1 that the two-row meta column stretched: a blank band in tall-meta rows).
 * Narrow screens (≤ 40rem) stack every row in one column. Typography tells the languages apart:
 * Chinese cells use a Simplified (or Traditional) CJK sans-serif stack with `line-break: strict`,
 * English cells a Latin serif first.
 */
export const EDITION_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;color:#1a1a1a;background:#fff;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
--cols:4.5rem minmax(0,1fr) minmax(0,1fr);--src-col:2;--tgt-col:3;--src-row:1;--tgt-row:1;--src-n:2;--tgt-n:3}
body:has(#order-tgt:checked){--src-col:3;--tgt-col:2;--src-n:3;--tgt-n:2}
body:has(#layout-alt:checked){--cols:4.5rem minmax(0,1fr);--src-col:2;--tgt-col:2;--src-row:1;--tgt-row:2}
body:has(#layout-alt:checked):has(#order-tgt:checked){--src-row:2;--tgt-row:1}
body:has(#view-src:checked),body:has(#view-tgt:checked){--cols:4.5rem minmax(0,1fr);--src-col:2;--tgt-col:2}
body:has(#view-src:checked):has(#layout-alt:checked),body:has(#view-tgt:checked):has(#layout-alt:checked){--src-row:1;--tgt-row:1}
body:has(#view-src:checked) .tgt,body:has(#view-tgt:checked) .src{display:none}
.top{max-width:76rem;margin:0 auto;padding:.75rem 1rem;border-bottom:1px solid #d4d4d4}
.controls{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:0}
.controls fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .75rem}
.controls legend{float:left;font-weight:600;margin-right:.5rem}
.controls label{cursor:pointer;white-space:nowrap}
.controls input{margin:0 .25rem 0 0;accent-color:#1d4ed8}
.summary{margin:.5rem 0 0;color:#4a4a4a;font-size:.875rem}
.summary a{color:#1d4ed8}
main{max-width:76rem;margin:0 auto;padding:0 1rem 2rem}
.doc-title{font-size:1.5rem;margin:1rem 0}
.row{display:grid;grid-template-columns:var(--cols);column-gap:1.5rem;padding:.625rem .5rem;border-bottom:1px solid #e5e5e5}
.row:focus{outline:2px solid #1d4ed8;outline-offset:2px}
.meta{grid-column:1;grid-row:1 / span 2;font-size:.75rem;line-height:1.4;color:#4a4a4a;padding-top:.25rem}
.meta a{color:#4a4a4a}
.meta span{display:inline-block;margin-right:.25rem}
.meta .flag{background:#fff3cd;color:#5c4400;border-radius:3px;padding:0 .25rem}
.meta .next{display:none;color:#1d4ed8}
.cell{grid-column:var(--src-col);grid-row:var(--src-row);min-width:0;overflow-wrap:anywhere}
.cell.tgt{grid-column:var(--tgt-col);grid-row:var(--tgt-row)}
.cell>:first-child{margin-top:0}
.cell>:last-child{margin-bottom:0}
.cell p,.cell blockquote,.cell pre{margin:0 0 .5rem}
.cell h1,.cell h2,.cell h3,.cell h4,.cell h5,.cell h6{margin:0 0 .5rem;line-height:1.3}
.cell h1{font-size:1.75rem}.cell h2{font-size:1.35rem}.cell h3{font-size:1.15rem}
.cell .caption{font-style:italic;color:#3d3d3d;font-size:.9375em}
.cell blockquote{border-left:3px solid #d4d4d4;padding-left:.75rem}
.cell .li::before{content:"•";margin-right:.5em}
.cell .li.d2{padding-left:1.5em}.cell .li.d3{padding-left:3em}
.cell pre{white-space:pre-wrap;background:#f5f5f5;padding:.5rem}
.cell a{color:#1d4ed8}
.cell:lang(zh){font-family:"PingFang SC","Hiragino Sans GB","Source Han Sans SC","Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;line-break:strict;line-height:1.85;font-size:1.0625rem}
.cell:lang(zh-Hant){font-family:"PingFang TC","Source Han Sans TC","Noto Sans CJK TC","Noto Sans TC","Microsoft JhengHei",sans-serif}
.cell:lang(zh) em,.cell:lang(zh) i{font-style:normal;text-emphasis:filled dot;-webkit-text-emphasis:filled dot;text-emphasis-position:under right;-webkit-text-emphasis-position:under}
.cell:lang(zh) .caption em{text-emphasis:none;-webkit-text-emphasis:none}
.cell:lang(en){font-family:Georgia,"Iowan Old Style","Palatino Linotype","Book Antiqua","Times New Roman","Noto Serif",serif;line-height:1.6;hyphens:auto}
.missing{color:#4a4a4a;font-style:italic;font-family:system-ui,sans-serif;font-size:.875rem}
.s{border-radius:2px}
.s:hover{background:#eef4ff}
.s:focus{outline:2px solid #1d4ed8;outline-offset:1px}
.s.hl{background:#dbeafe}
.row.flag{box-shadow:inset 3px 0 #d9a400}
body:has(#review:checked) .row.flag{background:#fffbe6;box-shadow:inset 5px 0 #b58100}
body:has(#review:checked) .row:not(.flag){opacity:.8}
body:has(#review:checked) .s.fs{text-decoration:underline wavy #b58100;text-underline-offset:.25em}
body:has(#review:checked) .meta .next{display:inline}
footer{max-width:76rem;margin:0 auto;padding:1rem;color:#4a4a4a;font-size:.8125rem;border-top:1px solid #d4d4d4}
@media (max-width:40rem){
.row{grid-template-columns:minmax(0,1fr);padding:.5rem 0}
.meta{grid-column:1;grid-row:1}
.cell{grid-column:1;grid-row:var(--src-n)}
.cell.tgt{grid-column:1;grid-row:var(--tgt-n);margin-top:.5rem}
}
@media print{
.top .controls,.summary,.meta .next{display:none}
body{font-size:10.5pt;color:#000}
.row{break-inside:avoid;box-shadow:none!important;background:none!important;opacity:1!important}
.meta,.meta a,.cell a{color:#000}
.s.hl,.s:hover{background:none}
footer{border:0}
}
`.trim();
