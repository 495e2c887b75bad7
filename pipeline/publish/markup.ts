/**
 * Inline Markdown (mdast phrasing content) and raw HTML blocks → safe HTML nodes (hast) for the
 * edition. Conversion is remark-rehype, rehype-raw for the raw HTML in it, then rehype-sanitize
 * with GitHub's schema (`SANITIZE_SCHEMA`, pipeline/text/html.ts), which removes `<script>` and
 * `<style>` with their content, `javascript:` and other unsafe URL protocols and event-handler
 * attributes. Images, Markdown or HTML, become links to the image with their alt text (the
 * edition loads nothing from the network; its content-security policy would refuse it). A footnote
 * reference becomes a superscript label (`<sup>1</sup>`), linked to its definition when the caller
 * names the side (`footnoteIds`): a block's inline nodes do not hold the definitions, and the same
 * reference on both sides must not give the same ids (FR-20). Emphasis (`<em>`, `<i>`) holding no
 * Han character gets the class `latin`: CSS cannot select by script, and the CJK emphasis dots
 * that Chinese cells give `<em>` (pipeline/publish/style.ts) belong under Han text only — a
 * `_string_` in a Chinese table cell is Latin italics.
 * `BLOCK_CSS` styles the block elements the edition builds around this content (pipeline/publish/edition.ts).
 */
import { unified } from 'unified';
import remarkRehype from 'remark-rehype';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import type { PhrasingContent, Root as MdastRoot } from 'mdast';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { SANITIZE_SCHEMA, hanCharacters, sanitizeHtml } from '../text/index.ts';
import { MATH } from '../read/index.ts';

const processor = unified().use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(rehypeSanitize, SANITIZE_SCHEMA);

/** What rehype-sanitize's schema puts before every id that comes from content (`clobberPrefix`). */
export const CONTENT_ID_PREFIX = SANITIZE_SCHEMA.clobberPrefix ?? 'user-content-';

/** The name of footnote `identifier` on one side: ids hold no white space or URL syntax. */
const footnoteName = (side: string, identifier: string) => `${side}-${identifier.toLowerCase().replace(/[^\p{L}\p{N}_-]+/gu, '-')}`;

/**
 * The page ids of footnote `identifier` on `side` (a prefix such as `src`): `def` for its
 * definition, `ref` for its reference as rehype-sanitize writes it (the default schema prefixes
 * ids that come from content with `user-content-`).
 */
export function footnoteIds(side: string, identifier: string): { def: string; ref: string } {
  const name = footnoteName(side, identifier);
  return { def: `fn-${name}`, ref: `${CONTENT_ID_PREFIX}fnref-${name}` };
}

/** Footnote references → superscript labels, linked to their definition on `side` when given; inline math → its source as `<code class="math">`. */
function prepare(nodes: readonly PhrasingContent[], side?: string): PhrasingContent[] {
  return nodes.map((node): PhrasingContent => {
    if (node.type === 'inlineMath') return { type: 'inlineCode', value: node.value, data: { hProperties: { className: [MATH] } } };
    if (node.type === 'footnoteReference') {
      const label: PhrasingContent = { type: 'text', value: node.label ?? node.identifier };
      const name = side === undefined ? undefined : footnoteName(side, node.identifier);
      const linked: PhrasingContent = { type: 'link', url: `#fn-${name}`, data: { hProperties: { id: `fnref-${name}` } }, children: [label] };
      return { type: 'emphasis', data: { hName: 'sup' }, children: [name === undefined ? label : linked] };
    }
    if ('children' in node && Array.isArray(node.children)) {
      return { ...node, children: prepare(node.children as PhrasingContent[], side) } as PhrasingContent;
    }
    return node;
  });
}

/**
 * The edition's styles for block structure (pipeline/publish/edition.ts): lists numbered by the
 * browser from their `start`; tables at the full width of their cell with `table-layout: fixed`,
 * because every table row of the page is its own `<table>` (one block link a row) and only fixed
 * layout gives the row tables of one side, which have the same columns, the same column widths,
 * so columns line up down the page; their cells wrap at word boundaries (`break-word`, not the
 * cell's `anywhere`, and no hyphenation), breaking a word only when it is wider than its column;
 * the header row bold on a tinted ground; an English cell holding a table is not narrowed to the
 * prose measure (pipeline/publish/style.ts), which is for lines of running text. `:::` containers as a bordered note with a bold title. Borders use a translucent grey so they
 * read on light and dark backgrounds.
 */
export const BLOCK_CSS = `
.cell ol,.cell ul{margin:0 0 .5rem;padding-left:1.75em}
.cell ol.d2,.cell ul.d2{margin-left:1.5em}.cell ol.d3,.cell ul.d3{margin-left:3em}
.cell li>p{margin:0 0 .25rem}.cell li.more{list-style:none}
.cell table{border-collapse:collapse;margin:0 0 .5rem;table-layout:fixed;width:100%}
.cell:lang(en):has(>table){max-width:none}
.cell th,.cell td{border:1px solid #8888;padding:.2em .5em;font-size:.9375em;vertical-align:top;text-align:start;overflow-wrap:break-word;hyphens:manual}
.cell th{font-weight:600;background:var(--code);border-bottom-width:2px}
.cell th.al-right,.cell td.al-right{text-align:right}.cell th.al-center,.cell td.al-center{text-align:center}
.cell .container{border-left:4px solid #8888;padding:.25rem .75rem;margin:0 0 .5rem}
.cell .container-title{font-weight:600;margin:0 0 .25rem}
`;

/**
 * Sanitised hast for inline mdast nodes (emphasis, strong, links, inline code, breaks, deletes…).
 * `mapText`, when given, rewrites every text value outside inline code (used for the
 * Simplified→Traditional edition, which never converts code: FR-21). `side`, when given, links
 * footnote references to their definitions on that side (`footnoteIds`). Emphasis without Han
 * text is marked `latin` (see the module comment).
 * Pure: the input nodes are not modified.
 */
export function inlineToHast(nodes: readonly PhrasingContent[], mapText?: (text: string) => string, side?: string): ElementContent[] {
  const root: MdastRoot = { type: 'root', children: [{ type: 'paragraph', children: prepare(nodes, side) }] };
  const hast = processor.runSync(root) as HastRoot;
  const paragraph = hast.children.find((n) => n.type === 'element');
  const children = (paragraph && paragraph.type === 'element' ? paragraph.children : []).map(imageAsLink).map(markLatinEmphasis);
  return mapText ? children.map((c) => mapTextNodes(c, mapText)) : children;
}

/**
 * Sanitised hast for a raw HTML block (`Block.html`; `sanitizeHtml`, pipeline/text/html.ts), its
 * images links (see the module comment), its text rewritten by `mapText` when given (as
 * `inlineToHast`). Pure.
 */
export function htmlToHast(html: string, mapText?: (text: string) => string): ElementContent[] {
  const children = sanitizeHtml(html).children.filter((c): c is ElementContent => c.type !== 'doctype').map(imageAsLink).map(markLatinEmphasis);
  return mapText ? children.map((c) => mapTextNodes(c, mapText)) : children;
}

/** `node` with every `<img>` in it a link to the image, its alt text (else its URL) as link text; an image without URL is dropped. */
function imageAsLink(node: ElementContent): ElementContent {
  if (node.type !== 'element') return node;
  if (node.tagName === 'img') {
    const { src, alt, title } = node.properties;
    if (typeof src !== 'string' || src === '') return { type: 'text', value: typeof alt === 'string' ? alt : '' };
    const link: Element = { type: 'element', tagName: 'a', properties: { href: src, ...(typeof title === 'string' ? { title } : {}) }, children: [{ type: 'text', value: typeof alt === 'string' && alt !== '' ? alt : src }] };
    return link;
  }
  return { ...node, children: node.children.map(imageAsLink) };
}

/** The text of a hast node and its descendants. */
function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  return node.type === 'element' ? node.children.map(textOf).join('') : '';
}

/** `node` with every `<em>` and `<i>` in it that holds no Han character given the class `latin` (see the module comment). */
function markLatinEmphasis(node: ElementContent): ElementContent {
  if (node.type !== 'element') return node;
  const children = node.children.map(markLatinEmphasis);
  if ((node.tagName === 'em' || node.tagName === 'i') && hanCharacters(textOf(node)).length === 0) {
    // hast keeps `className` as a list (hast-util-from-parse5, hastscript).
    const own = Array.isArray(node.properties.className) ? node.properties.className : [];
    return { ...node, properties: { ...node.properties, className: [...own, 'latin'] }, children };
  }
  return { ...node, children };
}

function mapTextNodes(node: ElementContent, mapText: (text: string) => string): ElementContent {
  if (node.type === 'text') return { ...node, value: mapText(node.value) };
  if (node.type === 'element' && node.tagName !== 'code') return { ...node, children: node.children.map((c) => mapTextNodes(c, mapText)) };
  return node;
}
