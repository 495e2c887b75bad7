/**
 * read — parse a document (Markdown or plain text) into blocks: headings, paragraphs, captions,
 * quotes, list items, table rows and code, each with its inline Markdown nodes, plain text and
 * source position. Markdown is parsed by unified + remark-parse (CommonMark) with remark-gfm
 * (GitHub tables, lists, strikethrough, footnotes) and remark-cjk-friendly, which lets `**` close
 * next to Chinese punctuation (CommonMark's flanking rules otherwise leave `**核心结论。**后面` literal;
 * field report FR-01). YAML (`---`) and TOML (`+++`) front matter is read by remark-frontmatter as
 * metadata (pipeline/read/frontmatter.ts), never as text: without it `---\ntitle: …\n---` reads as a
 * setext heading.
 */
import { extname } from 'node:path';
import { unified, type Preset } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm, { type Options as GfmOptions } from 'remark-gfm';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkCjkFriendlyGfmStrikethrough from 'remark-cjk-friendly-gfm-strikethrough';
import remarkFrontmatter from 'remark-frontmatter';
import remarkDirective from 'remark-directive';
import remarkMath from 'remark-math';
import type { ContainerDirective } from 'mdast-util-directive';
import type { Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import { blockId, type Block, type BlockKind, type DocumentMeta } from '../types.ts';
import { inlineText, proseText, sliceInline, withoutStrippedHtml } from './inline.ts';
import { BitextError, located, readText } from '../io.ts';
import { blankRanges, chineseScriptOf, hanCharacters, htmlImages, htmlText, sanitizeHtml, scriptOf, scriptWeights, withoutUrls } from '../text/index.ts';
import { guardMarkdown } from './limits.ts';
import { frontMatterMeta } from './frontmatter.ts';
import { mkdocsContainers } from './mkdocs.ts';

/**
 * The Markdown syntax bitext reads and writes, as a unified preset: GitHub Flavored Markdown
 * (remark-gfm), remark-cjk-friendly with its GFM strikethrough companion, and YAML and TOML front
 * matter (remark-frontmatter), which a writer writes back as it was read (module comment).
 * `gfm` options go to remark-gfm: a writer sets serialisation options there (`tablePipeAlign`);
 * the parser passes none.
 */
export function markdownSyntax(gfm?: GfmOptions): Preset {
  return { plugins: [[remarkGfm, gfm], remarkCjkFriendly, remarkCjkFriendlyGfmStrikethrough, [remarkFrontmatter, ['yaml', 'toml']]] };
}

// remark-directive only reads: `:::name` containers are what documentation sites write (Ant
// Design's `:::info{title=…}`); its text and leaf forms are put back as the text they were
// (`literalDirectives`), since `key:value` in prose would otherwise read as a `:value` directive.
// The draft writer (pipeline/memory/draft.ts) writes blocks, not containers, so it keeps the preset.
// remark-math reads `$$…$$` (display math, a block; inline, `inlineMath`) but not `$…$`
// (`singleDollarTextMath: false`): documentation prose writes `$` for other things — the ECharts
// handbook's `$` of template strings and prices — which would pair up across a paragraph as math.
const parser = unified().use(remarkParse).use(markdownSyntax()).use(remarkDirective).use(remarkMath, { singleDollarTextMath: false });

/** The `codeLang` of a display math block (`$$…$$`, or a fenced ```` ```math ```` block). */
export const MATH = 'math';

/** A read document: its blocks and, when its front matter has any, its metadata. */
export interface ReadDocument {
  blocks: Block[];
  meta?: DocumentMeta;
}

/**
 * Parse Markdown text into blocks, in document order, `index` from 0. Blocks whose plain text is
 * empty (a thematic break) are left out. A raw HTML block is read sanitised (`htmlBlockText`): an
 * `html` block of its text, an `image` block when it holds images and no text, nothing when it
 * shows neither; its markup is kept as `html`, and script, style or comments are never text; nor
 * is an inline `<script>…</script>` or `<style>…</style>` (`withoutStrippedHtml`), dropped from the inline nodes. A
 * paragraph outside lists and quotes made only of Markdown images (each possibly inside a link) is
 * an `image` block (`imageBlockText`): its text the alt texts, its `src` the URLs, its mdast the
 * images. A paragraph made only of emphasis (`*caption*`) is a `caption`; paragraphs inside a
 * block quote are `quote`s; each paragraph of a list item is a `listItem` with its list depth;
 * each table row is a `tableRow` whose cells are joined by " | "; a fenced code block is a `code`
 * block with its info string's language (`codeLang`), and so is `$$…$$` display math, its `codeLang`
 * `MATH` (remark-math; `$…$` is not math, see `parser`; inline `$$…$$` reads as its source, as
 * inline code does, `inlineText`). A heading's trailing `{#id}` is its `anchor`,
 * not text. The blocks inside a `:::name{title=…}` container (remark-directive) carry it as
 * `container`; its fences and title are not text. Text (`:name`) and leaf (`::name`) directives
 * read as the text they are written as. MkDocs admonitions (`!!! tip`), details (`???`) and tabs
 * (`=== "Python"`) are read as containers too (`mkdocsContainers`, pipeline/read/mkdocs.ts). The first block of a footnote definition carries its
 * identifier (`footnote`).
 * Front matter yields no block (see `parseMarkdown` for its metadata).
 * `file` labels positions and errors. Expects LF line endings and no BOM (`decodeText` gives that).
 * The text is first checked by `guardMarkdown` (pipeline/read/limits.ts): nesting deeper than
 * `MAX_MARKDOWN_NESTING` is refused and emphasis markers past `MAX_EMPHASIS_RUNS` in a paragraph
 * are read literally. Throws `BitextError` (exit 2) `file:line: nesting deeper than …: refused`,
 * or `file: too deeply nested to parse: refused` should the parser still overflow its stack.
 */
export function parseBlocks(markdown: string, file = '<markdown>'): Block[] {
  return parseMarkdown(markdown, file).blocks;
}

/**
 * Parse Markdown text into its blocks (as `parseBlocks`, with the same errors) and the metadata of
 * its front matter (`frontMatterMeta`: `title`, `date`, `author`).
 */
export function parseMarkdown(markdown: string, file = '<markdown>'): ReadDocument {
  let tree: Root;
  try {
    const guarded = guardMarkdown(mkdocsContainers(markdown), file);
    tree = literalDirectives(parser.parse(guarded) as Root, guarded);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new BitextError(located(file, undefined, 'too deeply nested to parse: refused'), { file, cause: error });
  }
  const meta = frontMatterMeta(tree);
  return { blocks: blocksOf(tree, file), ...(meta ? { meta } : {}) };
}

/**
 * The blocks of a parsed tree (see `parseBlocks`). Its recursion follows container nesting, which
 * `guardMarkdown` bounds by `MAX_MARKDOWN_NESTING`, so the stack stays small.
 */
function blocksOf(tree: Root, file: string): Block[] {
  const blocks: Block[] = [];
  type Extra = Pick<Block, 'list' | 'table' | 'src' | 'codeLang' | 'anchor' | 'html'>;
  const push = (kind: BlockKind, nodes: PhrasingContent[], at: Nodes, context: Context, depth?: number, extra: Extra = {}, text = inlineText(nodes)) => {
    if (text.trim() === '') return;
    const start = at.position?.start ?? { line: 1, column: 1 };
    const end = at.position?.end ?? start;
    blocks.push({
      index: blockId(blocks.length),
      kind,
      ...(depth === undefined ? {} : { depth }),
      ...extra,
      ...(context.container ? { container: context.container } : {}),
      text,
      mdast: nodes,
      position: { file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column },
    });
  };
  type Context = { quote: boolean; listDepth: number; list?: Block['list']; container?: Block['container'] };
  const visit = (node: RootContent, context: Context) => {
    switch (node.type) {
      case 'heading': {
        const { nodes, anchor } = headingAnchor(withoutStrippedHtml(node.children));
        push('heading', nodes, node, context, node.depth, anchor ? { anchor } : {});
        break;
      }
      case 'paragraph': {
        const children = withoutStrippedHtml(node.children);
        const image = context.listDepth === 0 && !context.quote ? imageBlockText(children) : undefined;
        if (image) {
          push('image', children, node, context, undefined, { src: image.src }, image.text);
          break;
        }
        const kind: BlockKind = context.listDepth > 0 ? 'listItem' : context.quote ? 'quote' : isCaption(children) ? 'caption' : 'paragraph';
        push(kind, children, node, context, context.listDepth > 0 ? context.listDepth : undefined, context.list ? { list: context.list } : {});
        break;
      }
      case 'blockquote':
        for (const child of node.children) visit(child, { ...context, quote: true, list: undefined });
        break;
      case 'list': {
        const list = { ordered: node.ordered === true, start: node.start ?? 1, spread: node.spread === true };
        node.children.forEach((item, itemIndex) => {
          item.children.forEach((child, i) => visit(child, { ...context, listDepth: context.listDepth + 1, list: { ...list, item: itemIndex, firstOfItem: i === 0 } }));
        });
        break;
      }
      case 'table':
        node.children.forEach((row, rowIndex) => {
          const cells: PhrasingContent[] = [];
          const ranges: { start: number; end: number }[] = [];
          let length = 0;
          row.children.forEach((cell, i) => {
            if (i > 0) cells.push({ type: 'text', value: ' | ' });
            length += i > 0 ? 3 : 0;
            const children = withoutStrippedHtml(cell.children);
            cells.push(...children);
            const end = length + inlineText(children).length;
            ranges.push({ start: length, end });
            length = end;
          });
          push('tableRow', cells, row, context, undefined, { table: { row: rowIndex, cells: row.children.length, ranges, align: node.align ?? [] } });
        });
        break;
      case 'code':
        push('code', [{ type: 'inlineCode', value: node.value }], node, context, undefined, node.lang ? { codeLang: node.lang } : {});
        break;
      case 'math':
        // Display math is source, like a fenced ```math block (GitHub reads both as math).
        push('code', [{ type: 'inlineCode', value: node.value }], node, context, undefined, { codeLang: MATH });
        break;
      case 'containerDirective':
        for (const child of node.children) {
          if (child.type !== 'paragraph' || child.data?.directiveLabel !== true) visit(child, { ...context, container: containerOf(node) });
        }
        break;
      case 'footnoteDefinition': {
        const first = blocks.length;
        for (const child of node.children) visit(child, context);
        if (blocks.length > first) blocks[first].footnote = node.identifier;
        break;
      }
      case 'html': {
        const html = htmlBlockText(node.value);
        if (!html) break;
        if (html.src === undefined) push('html', [{ type: 'text', value: html.text }], node, context, undefined, { html: node.value }, html.text);
        else push('image', [], node, context, undefined, { src: html.src, html: node.value }, html.text);
        break;
      }
      default:
        // thematicBreak, definition, yaml, toml: not prose.
        break;
    }
  };
  for (const node of tree.children) visit(node, { quote: false, listDepth: 0 });
  return blocks;
}

/** A heading's inline nodes without a trailing `{#id}` (the id syntax of Pandoc, MkDocs and dumi), and that id. */
function headingAnchor(nodes: PhrasingContent[]): { nodes: PhrasingContent[]; anchor?: string } {
  const last = nodes.at(-1);
  const match = last?.type === 'text' ? /\s*\{#([A-Za-z][\w.:-]*)\}\s*$/.exec(last.value) : null;
  if (!last || last.type !== 'text' || !match) return { nodes };
  const rest = last.value.slice(0, match.index);
  return { nodes: [...nodes.slice(0, -1), ...(rest === '' ? [] : [{ ...last, value: rest }])], anchor: match[1] };
}

/** The name and title of a `:::name[label]{title=…}` container: the `title` attribute, else the label's text. */
function containerOf(node: ContainerDirective): NonNullable<Block['container']> {
  const label = node.children.find((c) => c.type === 'paragraph' && c.data?.directiveLabel === true);
  const title = node.attributes?.title ?? (label && label.type === 'paragraph' ? inlineText(label.children) : undefined);
  return { name: node.name, ...(title ? { title } : {}) };
}

/**
 * The tree with remark-directive's text (`:name[…]`) and leaf (`::name`) directives put back as
 * the source text they were read from (see `parser`): a text directive becomes a text node, a leaf
 * directive a paragraph of it. Containers stay. `source` is the text the tree was parsed from.
 */
function literalDirectives(tree: Root, source: string): Root {
  const literal = (node: Nodes): string => source.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
  const walk = (node: Nodes): void => {
    if (!('children' in node)) return;
    node.children = node.children.map((child) => {
      if (child.type === 'textDirective') return { type: 'text', value: literal(child), position: child.position };
      if (child.type === 'leafDirective') return { type: 'paragraph', children: [{ type: 'text', value: literal(child) }], position: child.position };
      walk(child);
      return child;
    }) as typeof node.children;
  };
  walk(tree);
  return tree;
}

/**
 * What a raw HTML block reads as, from its sanitised form (`sanitizeHtml`, pipeline/text/html.ts:
 * no script, style or comment is ever text): its text (`htmlText`) when it has any; else, when it
 * holds images, their alt texts (their URLs when none has one) with `src` their URLs — an image
 * block, linked by identity like a Markdown image; else `undefined` (an `<audio>` player, a
 * comment, a component the sanitiser removes): no block.
 */
function htmlBlockText(value: string): { text: string; src?: string } | undefined {
  const root = sanitizeHtml(value);
  const text = htmlText(root);
  if (text !== '') return { text };
  const images = htmlImages(root);
  return images.length === 0 ? undefined : imagesText(images);
}

/** The images of inline nodes, in order, looking inside links; `undefined` when anything else but white space is there. */
function imagesOnly(nodes: readonly PhrasingContent[]): { url: string; alt: string }[] | undefined {
  const images: { url: string; alt: string }[] = [];
  for (const node of nodes) {
    if (node.type === 'image') images.push({ url: node.url, alt: (node.alt ?? '').trim() });
    else if (node.type === 'link') {
      const inner = imagesOnly(node.children);
      if (!inner) return undefined;
      images.push(...inner);
    } else if (node.type !== 'text' || node.value.trim() !== '') return undefined;
  }
  return images;
}

/**
 * The text and URLs of a paragraph made only of Markdown images (each possibly inside a link) and
 * white space: `text` the non-empty alt texts joined by a space, or the URLs when no image has alt
 * text; `src` the URLs joined by a space. `undefined` for any other paragraph (text beside the
 * image, no image, an image without URL).
 */
function imageBlockText(nodes: readonly PhrasingContent[]): { text: string; src: string } | undefined {
  const images = imagesOnly(nodes);
  if (!images || images.length === 0 || images.some((i) => i.url.trim() === '')) return undefined;
  return imagesText(images);
}

/** The text of images (alt texts trimmed): their non-empty alt texts joined by a space, or their URLs when none has one; `src` the URLs, trimmed, joined by a space. */
function imagesText(images: readonly { url: string; alt: string }[]): { text: string; src: string } {
  const src = images.map((i) => i.url.trim()).join(' ');
  const alts = images.map((i) => i.alt).filter((a) => a !== '');
  return { text: alts.length > 0 ? alts.join(' ') : src, src };
}

function isCaption(children: PhrasingContent[]): boolean {
  const meaningful = children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return meaningful.length > 0 && meaningful.every((c) => c.type === 'emphasis');
}

/**
 * Split plain text into blocks: paragraphs are separated by one or more blank lines; lines inside
 * a paragraph are joined by "\n" (kept in `text`, as a soft line break). Every block is a
 * `paragraph` whose mdast is one text node, so Markdown characters (`*`, `#`) stay literal.
 */
export function parsePlainText(text: string, file = '<text>'): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  let startLine = -1;
  let buffer: string[] = [];
  const flush = (endLine: number) => {
    const value = buffer.map((l) => l.trim()).join('\n').trim();
    if (value !== '') {
      blocks.push({
        index: blockId(blocks.length),
        kind: 'paragraph',
        text: value,
        mdast: [{ type: 'text', value }],
        position: { file, line: startLine + 1, column: 1, endLine: endLine + 1, endColumn: (lines[endLine] ?? '').length + 1 },
      });
    }
    buffer = [];
    startLine = -1;
  };
  lines.forEach((line, i) => {
    if (line.trim() === '') {
      if (buffer.length) flush(i - 1);
    } else {
      if (startLine < 0) startLine = i;
      buffer.push(line);
    }
  });
  if (buffer.length) flush(lines.length - 1);
  return blocks;
}

/**
 * Read a document file into blocks: `.md`/`.markdown` through `parseBlocks`, anything else
 * (`.txt`) through `parsePlainText`. Throws `BitextError` (exit 2) for a missing, empty, binary or
 * non-UTF-8 file (see `readText`) and for a file with no text blocks.
 */
export function readBlocks(file: string): Block[] {
  return readDocument(file).blocks;
}

/** True when `file` is read as Markdown (`.md`, `.markdown`, any case); any other file is plain text (`parsePlainText`). */
export function isMarkdownFile(file: string): boolean {
  const ext = extname(file).toLowerCase();
  return ext === '.md' || ext === '.markdown';
}

/**
 * Read a document file into blocks (as `readBlocks`, with the same errors) and, for Markdown, the
 * metadata of its front matter (see `parseMarkdown`).
 */
export function readDocument(file: string): ReadDocument {
  const text = readText(file);
  const read = isMarkdownFile(file) ? parseMarkdown(text, file) : { blocks: parsePlainText(text, file) };
  if (read.blocks.length === 0) throw new BitextError(located(file, undefined, 'no text blocks found'), { file });
  return read;
}

/**
 * Which language the blocks are written in: `scriptOf` their prose (Han characters against Latin
 * words), Simplified versus Traditional by `chineseScriptOf` (which OpenCC conversion changes fewer
 * characters); `null` when the blocks hold no Han or Latin letter at all. The prose is each block's
 * `languageProse`: code and identifiers are English whatever the document's language, so a Chinese
 * page that is mostly code or API tables would otherwise read as English. Blocks with no Han or
 * Latin letter in their prose (a file of code alone) are judged by their whole text.
 */
export function detectLanguage(blocks: readonly Block[]): 'zh-Hans' | 'zh-Hant' | 'en' | null {
  const text = languageText(blocks);
  const script = scriptOf(text);
  if (script !== 'zh') return script;
  return chineseScriptOf(text) === 'hant' ? 'zh-Hant' : 'zh-Hans';
}

/**
 * The first block that holds prose in `script` (`scriptOf` its `languageProse`, or its whole text
 * when the blocks have no prose letters, as `detectLanguage` judges): where a file in the wrong
 * language shows it. `undefined` when no single block does (the script is only that of the whole).
 */
export function firstBlockIn(blocks: readonly Block[], script: 'zh' | 'en'): Block | undefined {
  const byProse = hasLetters(blocks.map(languageProse).join('\n'));
  return blocks.find((b) => scriptOf(byProse ? languageProse(b) : b.text) === script);
}

/** The text `detectLanguage` judges: the blocks' prose, or their whole text when the prose has no letters. */
function languageText(blocks: readonly Block[]): string {
  const prose = blocks.map(languageProse).join('\n');
  return hasLetters(prose) ? prose : blocks.map((b) => b.text).join('\n');
}

/** Whether `text` holds a Han character or a Latin word, the units `scriptOf` weighs. */
function hasLetters(text: string): boolean {
  const { han, words } = scriptWeights(text);
  return han + words > 0;
}

/**
 * The prose of a block that carries its language: its text without code blocks and inline code
 * (`proseText`; raw HTML is never text), URLs (`withoutUrls`), technical tokens (`blankRanges`:
 * identifiers with digits, versions, HTML tags) and, in a table row, the cells that hold a value
 * rather than prose (`isValueCell`).
 */
function languageProse(block: Block): string {
  const text = block.table
    ? block.table.ranges.map((r) => sliceInline(block.mdast, r.start, r.end)).filter((cell) => !isValueCell(cell)).map(proseText).join(' ')
    : proseText(block.mdast);
  return blankRanges(withoutUrls(text));
}

/**
 * A table cell that holds a value, not prose: without Han characters, and either a single token
 * once inline code is left out (`icon-prefix`, `--van-button-mini-height`, `24px`, `-`) or nothing
 * but emphasis, strong and inline code (`_string \| object_`, the way API tables mark types).
 */
function isValueCell(cell: readonly PhrasingContent[]): boolean {
  const prose = proseText(cell).trim();
  if (hanCharacters(prose).length > 0) return false;
  if (!/\s/.test(prose)) return true;
  return cell.every((n) => n.type === 'emphasis' || n.type === 'strong' || n.type === 'inlineCode' || (n.type === 'text' && n.value.trim() === ''));
}
