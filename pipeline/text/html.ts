/**
 * Raw HTML written in Markdown, made safe: parsed by rehype-raw (parse5, as a browser parses it)
 * and cleaned by rehype-sanitize with GitHub's schema (`defaultSchema`), which keeps only known
 * safe elements and attributes: no `<script>`, `<style>`, `<iframe>`, `<audio>`, event handler
 * (`on…`) or `style` attribute, no `javascript:` or `data:` URL survives. `<script>` and `<style>`
 * go with their content (their text is code, never prose). The reader takes a raw HTML block's
 * text and images from it (pipeline/read/blocks.ts); the edition shows it (pipeline/publish/markup.ts).
 */
import { unified } from 'unified';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import type { Nodes, Root } from 'hast';

/** GitHub's schema, which also drops the content of `<style>` (its text is CSS, not prose) and lets
 * `<code>` be of class `math` (math shown as its source, pipeline/publish/markup.ts). */
export const SANITIZE_SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  strip: [...(defaultSchema.strip ?? []), 'style'],
  attributes: { ...defaultSchema.attributes, code: [['className', /^language-./, 'math']] },
};

const processor = unified().use(rehypeRaw).use(rehypeSanitize, SANITIZE_SCHEMA);

/** Elements whose end separates text (a `<div>` or `<p>` ends a line); inline elements run on. */
const BLOCK_ELEMENTS = new Set(['address', 'article', 'aside', 'blockquote', 'br', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'td', 'th', 'tr', 'ul']);

/** Raw HTML text → its sanitised hast (see the module comment). Pure; never throws on malformed HTML (parse5 recovers as browsers do). */
export function sanitizeHtml(html: string): Root {
  // rehype-raw parses the `raw` nodes remark-rehype leaves; a root holding one is that input.
  const root = { type: 'root', children: [{ type: 'raw', value: html }] } as unknown as Root;
  return processor.runSync(root) as Root;
}

/**
 * The plain text of sanitised HTML: its text nodes, a space where a block element (`BLOCK_ELEMENTS`)
 * starts or ends, white space runs collapsed to one space, trimmed. `''` when it has none (images
 * alone, an `<audio>` player the sanitiser removed, a comment).
 */
export function htmlText(root: Root): string {
  let out = '';
  const walk = (node: Nodes) => {
    if (node.type === 'text') out += node.value;
    else if (node.type === 'element' || node.type === 'root') {
      const block = node.type === 'element' && BLOCK_ELEMENTS.has(node.tagName);
      if (block) out += ' ';
      for (const child of node.children) walk(child);
      if (block) out += ' ';
    }
  };
  walk(root);
  return out.replace(/\s+/g, ' ').trim();
}

/** The images (`<img>` with a `src`) of sanitised HTML, in document order: URL and alt text (trimmed, `''` when none). */
export function htmlImages(root: Root): { url: string; alt: string }[] {
  const images: { url: string; alt: string }[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'element' && node.tagName === 'img' && typeof node.properties.src === 'string' && node.properties.src.trim() !== '') {
      images.push({ url: node.properties.src.trim(), alt: typeof node.properties.alt === 'string' ? node.properties.alt.trim() : '' });
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(root);
  return images;
}
