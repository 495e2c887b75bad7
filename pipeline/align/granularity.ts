/**
 * Granularity mismatch: one side of a pair writes a paragraph per line (single line breaks, as
 * text arrives from Word, e-mail or a CMS; soft line breaks in Markdown) while the other separates
 * paragraphs by blank lines. Read as they are, the first side has a few blocks holding many lines,
 * and the block search can only link all of it to one neighbour or leave it 0-1 (issue 9, item 4).
 *
 * The signal is the mismatch between the sides, never one side alone: a Markdown paragraph
 * hard-wrapped at 80 columns is one paragraph on both sides and is left alone. A side is split at
 * its line breaks only when (1) it has far fewer blocks than the other (`MIN_BLOCK_RATIO`: a few
 * paragraphs with a soft break, as real documentation has on one side or the other, are no
 * mismatch), (2) most of its line breaks follow the end of a sentence (hard-wrapped prose breaks
 * mid-sentence), and (3) splitting brings its block count at least halfway to the other side's.
 * A document only part of which is written one paragraph a line is therefore not split.
 */
import type { PhrasingContent } from 'mdast';
import { blockId, type Block, type Document, type SourcePosition } from '../types.ts';
import { sliceInline } from '../read/index.ts';
import { segmentBlocks } from '../segment/index.ts';

/** Block kinds whose line breaks may stand for paragraph breaks (never headings, code or table rows). */
const SPLITTABLE = new Set<Block['kind']>(['paragraph', 'quote', 'listItem', 'caption']);

/** A line ending a sentence: its last character is a stop of either language, or a closing quote or bracket after one. */
const SENTENCE_END = /[.!?。！？;；:：…][”’"')）」』》]*$/u;

/** The other side must have at least this many times as many blocks for a side to be split. */
const MIN_BLOCK_RATIO = 1.5;

/** Share of line breaks that must follow a sentence end for a side to be read one paragraph a line. */
const MIN_SENTENCE_BREAKS = 0.6;

/** What `matchGranularity` did: the documents to align, and one line per side it split. */
export interface GranularityResult {
  source: Document;
  target: Document;
  /** `file: warning: N paragraphs of M lines read as M paragraphs (…)` (the line form of `findPairs`' warnings), one per split side; empty when nothing was split. */
  warnings: string[];
}

/**
 * Detect a granularity mismatch between a Chinese `source` and an English `target` document
 * (module comment) and split the side with fewer blocks at its line breaks (newlines, Markdown
 * hard breaks and inline `<br>` tags alike: the reader gives each as `\n`): each line of a
 * splittable block (paragraph, quote, list item, caption) with more than one line becomes a block
 * of the same kind, its inline Markdown cut by `sliceInline` (emphasis and links kept), its
 * source line exact, and the side is segmented again (`segmentBlocks`). Block ids are renumbered
 * in order. Returns the documents unchanged (the same objects) and no warning when there is no
 * mismatch. Pure; never throws.
 */
export function matchGranularity(source: Document, target: Document): GranularityResult {
  const warnings: string[] = [];
  const far = (a: Document, b: Document) => b.blocks.length >= MIN_BLOCK_RATIO * a.blocks.length;
  const fewer = far(source, target) ? 'source' : far(target, source) ? 'target' : null;
  if (fewer === null) return { source, target, warnings };
  const side = fewer === 'source' ? source : target;
  const other = fewer === 'source' ? target : source;
  const lines = side.blocks.map((b) => (SPLITTABLE.has(b.kind) ? lineRanges(b.text) : [{ start: 0, end: b.text.length }]));
  const broken = lines.filter((l) => l.length > 1);
  // The text before each line break: every line of a block but its last.
  const beforeBreaks = lines.flatMap((l, k) => l.slice(0, -1).map((range) => side.blocks[k].text.slice(range.start, range.end)));
  if (beforeBreaks.length === 0) return { source, target, warnings };
  const sentenceBreaks = beforeBreaks.filter((line) => SENTENCE_END.test(line)).length;
  const splitCount = lines.reduce((n, l) => n + l.length, 0);
  const gap = other.blocks.length - side.blocks.length;
  if (sentenceBreaks / beforeBreaks.length < MIN_SENTENCE_BREAKS || Math.abs(other.blocks.length - splitCount) > gap / 2) return { source, target, warnings };
  const blocks = side.blocks.flatMap((block, k) => (lines[k].length > 1 ? lines[k].map((range, n) => lineBlock(block, range, n)) : [block])).map((b, index) => ({ ...b, index: blockId(index) }));
  const split: Document = { ...side, blocks, segments: segmentBlocks(blocks, side.lang) };
  const lineCount = broken.reduce((n, l) => n + l.length, 0);
  const noun = (n: number) => (n === 1 ? 'paragraph' : 'paragraphs');
  // Say how the lines were broken, so the author knows what to fix: `<br>` tags or bare newlines.
  const how = side.blocks.some((b, k) => lines[k].length > 1 && holdsBr(b.mdast)) ? '<br> line breaks' : 'single line breaks';
  warnings.push(
    `${side.file}: warning: ${broken.length} ${noun(broken.length)} of ${lineCount} lines read as ${lineCount} paragraphs (${how}; the other side has ${other.blocks.length} blocks)`,
  );
  return fewer === 'source' ? { source: split, target, warnings } : { source, target: split, warnings };
}

/** An inline HTML `<br>` (`<br/>`, `<br />`), which the reader turns into a line break of the block's text. */
const isBr = (node: PhrasingContent) => node.type === 'html' && /^<br\s*\/?>$/i.test(node.value.trim());

/** Whether inline content holds a `<br>` at any depth. */
function holdsBr(nodes: readonly PhrasingContent[]): boolean {
  return nodes.some((node) => isBr(node) || ('children' in node && holdsBr(node.children as PhrasingContent[])));
}

/** The non-blank lines of a block's text, trimmed, as ranges into it. */
function lineRanges(text: string): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  let from = 0;
  for (const line of text.split('\n')) {
    const lead = line.length - line.trimStart().length;
    const body = line.trim();
    if (body !== '') ranges.push({ start: from + lead, end: from + lead + body.length });
    from += line.length + 1;
  }
  return ranges;
}

/**
 * Line `n` of `block` (its text `range`) as a block of its own. Its line is read from the inline
 * nodes' positions (`lineOf`); its column is the block's for the first line and, for later lines
 * (whose leading white space the Markdown parser drops from the text), the block's column too —
 * exact for a paragraph at the left margin and for plain text, which `parsePlainText` trims the same way.
 */
function lineBlock(block: Block, range: { start: number; end: number }, n: number): Block {
  const text = block.text.slice(range.start, range.end);
  const line = lineOf(block, range.start);
  const endLine = lineOf(block, range.end - 1);
  const first = n === 0;
  const position: SourcePosition = {
    ...block.position,
    line,
    column: block.position.column,
    endLine,
    endColumn: endLine === block.position.endLine ? block.position.endColumn : block.position.column + text.length,
  };
  return { ...block, text, mdast: sliceInline(block.mdast, range.start, range.end), position, ...(block.list ? { list: { ...block.list, firstOfItem: block.list.firstOfItem && first } } : {}) };
}

/**
 * The source line of offset `at` of `block.text`: walks the inline nodes, counting the line breaks
 * inside text values from each text node's start line; a node without a position (plain text's one
 * text node) counts from the block's first line.
 */
function lineOf(block: Block, at: number): number {
  let offset = 0;
  let line = block.position.line;
  let found: number | undefined;
  const walk = (nodes: readonly PhrasingContent[]) => {
    for (const node of nodes) {
      if (found !== undefined) return;
      if (node.position) line = node.position.start.line;
      if (node.type === 'text' || node.type === 'inlineCode') {
        const value = node.value;
        if (at < offset + value.length) {
          const before = value.slice(0, at - offset);
          found = line + (node.type === 'text' ? before.split('\n').length - 1 : 0);
          return;
        }
        if (node.type === 'text') line += value.split('\n').length - 1;
        offset += value.length;
      } else if (node.type === 'break' || isBr(node)) {
        if (at === offset) {
          found = line;
          return;
        }
        offset += 1;
        if (node.type === 'break') line = node.position ? node.position.end.line : line + 1;
      } else if ('children' in node) {
        walk(node.children as PhrasingContent[]);
      }
    }
  };
  walk(block.mdast);
  return found ?? line;
}
