/**
 * The plain text of inline Markdown (mdast phrasing content) and the inverse cut: the inline
 * nodes that cover a range of that text. `read` uses `inlineText` to make `Block.text`;
 * `publish` uses `sliceInline` to wrap each sentence while keeping emphasis and links.
 * Offsets are UTF-16 code units of the string `inlineText` returns.
 */
import type { PhrasingContent } from 'mdast';
// Inline math (`$$…$$` inside a paragraph, remark-math in pipeline/read/blocks.ts) is source text, as inline code is.
import type {} from 'mdast-util-math';
import { SANITIZE_SCHEMA } from '../text/index.ts';

/**
 * Plain text of inline nodes: `text`, `inlineCode` and `inlineMath` values, a hard `break` (or a raw `<br>`) as
 * "\n"; other raw `html`, images and footnote references contribute nothing (they are not prose).
 */
export function inlineText(nodes: readonly PhrasingContent[]): string {
  let out = '';
  for (const node of nodes) out += nodeText(node);
  return out;
}

/**
 * The prose of inline nodes: their plain text (`inlineText`) without inline code or math, so that a
 * sentence about `useState` or a fenced code block (whose block holds one `inlineCode` node) adds
 * no letters when the language of a document is judged (`detectLanguage` in blocks.ts).
 */
export function proseText(nodes: readonly PhrasingContent[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'inlineCode' || node.type === 'inlineMath') out += ' ';
    else out += 'children' in node ? proseText(node.children as PhrasingContent[]) : nodeText(node);
  }
  return out;
}

/** Elements the sanitiser drops with their content (`SANITIZE_SCHEMA.strip`, pipeline/text/html.ts: `<script>`, `<style>`). */
const STRIPPED = new Set(SANITIZE_SCHEMA.strip ?? []);

/** The element name of a raw inline `html` node that is an opening (`<script …>`) or closing (`</script>`) tag alone, lower-cased. */
function tagOf(node: PhrasingContent, closing: boolean): string | undefined {
  if (node.type !== 'html') return undefined;
  const tag = (closing ? /^<\/([a-z][a-z0-9-]*)\s*>$/i : /^<([a-z][a-z0-9-]*)(?:\s[^>]*)?>$/i).exec(node.value.trim());
  return tag?.[1].toLowerCase();
}

/**
 * Inline nodes without the raw HTML elements whose content is code, never prose (`STRIPPED`): in
 * inline Markdown each tag is an `html` node of its own and what stands between an opening
 * `<script>` and its closing `</script>` is parsed as text, which the page never shows (it is
 * sanitised, pipeline/text/html.ts). Both tags and every node between them are left out, at any
 * depth; an element never closed runs to the end of its parent's nodes (as a browser reads it).
 * Returns `nodes` itself when nothing is dropped. Pure.
 */
export function withoutStrippedHtml(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let open: string | undefined;
  let changed = false;
  for (const node of nodes) {
    if (open !== undefined) {
      if (tagOf(node, true) === open) open = undefined;
      continue;
    }
    const tag = tagOf(node, false);
    if (tag !== undefined && STRIPPED.has(tag)) {
      open = tag;
      changed = true;
      continue;
    }
    if ('children' in node) {
      const children = withoutStrippedHtml(node.children as PhrasingContent[]);
      if (children !== node.children) {
        changed = true;
        out.push({ ...node, children } as PhrasingContent);
        continue;
      }
    }
    out.push(node);
  }
  return changed ? out : nodes;
}

/**
 * Whether `node` is a raw `<br>` (`<br/>`, `<br />`): a line break the author wrote in HTML
 * (common in GFM table cells); it reads as a hard break.
 */
export const isHtmlBreak = (node: PhrasingContent): boolean => node.type === 'html' && /^<br\s*\/?>$/i.test(node.value.trim());

function nodeText(node: PhrasingContent): string {
  if (isHtmlBreak(node)) return '\n';
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'inlineMath':
      return node.value;
    case 'break':
      return '\n';
    default:
      return 'children' in node ? inlineText(node.children as PhrasingContent[]) : '';
  }
}

/**
 * The inline nodes covering `[start, end)` of `inlineText(nodes)`: text values are cut at the
 * offsets, marks (emphasis, strong, links…) that span the range are kept around the cut text,
 * zero-length nodes (images, raw html, footnote references) are kept when they sit at an offset
 * inside the range, or after it when the range reaches the end of the text. Pure: the input tree is not modified. Cutting never splits a surrogate pair
 * when the offsets come from a sentence splitter working on whole characters.
 */
export function sliceInline(nodes: readonly PhrasingContent[], start: number, end: number): PhrasingContent[] {
  // The range that reaches the end of the text (trailing spaces aside) also takes the zero-length
  // nodes after it (an image at the end of a paragraph).
  const last = end >= inlineText(nodes).trimEnd().length;
  return cut(nodes, start, end, { offset: 0 }, last);
}

function cut(nodes: readonly PhrasingContent[], start: number, end: number, at: { offset: number }, last: boolean): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const node of nodes) {
    const from = at.offset;
    if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'inlineMath') {
      const to = from + node.value.length;
      at.offset = to;
      const a = Math.max(start, from);
      const b = Math.min(end, to);
      if (a < b) out.push({ ...node, value: node.value.slice(a - from, b - from) });
    } else if (node.type === 'break' || isHtmlBreak(node)) {
      at.offset = from + 1;
      if (from >= start && from < end) out.push(node);
    } else if ('children' in node) {
      const children = cut(node.children as PhrasingContent[], start, end, at, last);
      if (children.length > 0) out.push({ ...node, children } as PhrasingContent);
    } else if (from >= start && (from < end || last)) {
      out.push(node);
    }
  }
  return out;
}
