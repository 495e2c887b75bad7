/**
 * Inline Markdown (mdast phrasing content) → safe HTML nodes (hast) for the edition.
 * Conversion is remark-rehype (mdast-util-to-hast: raw HTML nodes are dropped, never passed
 * through), then rehype-sanitize with its default (GitHub) schema, which also removes
 * `javascript:` and other unsafe URL protocols, event-handler attributes and `<script>`.
 * Images become links to the image (the edition loads nothing from the network). A footnote
 * reference becomes a plain superscript label (`<sup>1</sup>`): a block's inline nodes do not hold
 * the definitions, and the same reference on both sides would otherwise give duplicate ids.
 */
import { unified } from 'unified';
import remarkRehype from 'remark-rehype';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import type { PhrasingContent, Root as MdastRoot } from 'mdast';
import type { ElementContent, Root as HastRoot } from 'hast';

const processor = unified().use(remarkRehype).use(rehypeSanitize, defaultSchema);

/** Images → links to them (alt text or the URL as link text); footnote references → superscript labels. */
function prepare(nodes: readonly PhrasingContent[]): PhrasingContent[] {
  return nodes.map((node): PhrasingContent => {
    if (node.type === 'image') {
      return { type: 'link', url: node.url, title: node.title, children: [{ type: 'text', value: node.alt || node.url }] };
    }
    if (node.type === 'footnoteReference') {
      return { type: 'emphasis', data: { hName: 'sup' }, children: [{ type: 'text', value: node.label ?? node.identifier }] };
    }
    if ('children' in node && Array.isArray(node.children)) {
      return { ...node, children: prepare(node.children as PhrasingContent[]) } as PhrasingContent;
    }
    return node;
  });
}

/**
 * Sanitised hast for inline mdast nodes (emphasis, strong, links, inline code, breaks, deletes…).
 * `mapText`, when given, rewrites every text value (used for the Simplified→Traditional edition).
 * Pure: the input nodes are not modified.
 */
export function inlineToHast(nodes: readonly PhrasingContent[], mapText?: (text: string) => string): ElementContent[] {
  const root: MdastRoot = { type: 'root', children: [{ type: 'paragraph', children: prepare(nodes) }] };
  const hast = processor.runSync(root) as HastRoot;
  const paragraph = hast.children.find((n) => n.type === 'element');
  const children = paragraph && paragraph.type === 'element' ? paragraph.children : [];
  return mapText ? children.map((c) => mapTextNodes(c, mapText)) : children;
}

function mapTextNodes(node: ElementContent, mapText: (text: string) => string): ElementContent {
  if (node.type === 'text') return { ...node, value: mapText(node.value) };
  if (node.type === 'element') return { ...node, children: node.children.map((c) => mapTextNodes(c, mapText)) };
  return node;
}
