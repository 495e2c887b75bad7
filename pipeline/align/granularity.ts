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
 *
 * Plain text (`.txt`, or any file not read as Markdown) is first judged on its own, each side
 * alone: it has no other way to write a paragraph a line, and no Markdown habit of one sentence a
 * line to protect. A plain-text side is split at its line breaks when most of them
 * (`MIN_SENTENCE_BREAKS`) follow a sentence end or a short title line (`isTitleLine`), whatever the
 * other side does: two files of one paragraph a line are one block each otherwise, linked `[0]:[0]`.
 *
 * Lines the author broke by hand are read first, each side alone: a block of at least
 * `MIN_BR_LINES` lines every one of which is separated from the next by an inline `<br>` is read a
 * block a line, whatever its punctuation or the other side (`1、快速启动<br />` items facing an
 * English list are no sentences, and the rest of the document may match block for block).
 */
import type { PhrasingContent } from 'mdast';
import { blockId, type Block, type Document, type SourcePosition } from '../types.ts';
import { isHtmlBreak, isMarkdownFile, sliceInline } from '../read/index.ts';
import { scriptWeights } from '../text/index.ts';
import { segmentBlocks } from '../segment/index.ts';

/** Block kinds whose line breaks may stand for paragraph breaks (never headings, code or table rows). */
const SPLITTABLE = new Set<Block['kind']>(['paragraph', 'quote', 'listItem', 'caption']);

/** A line ending a sentence: its last character is a stop of either language, or a closing quote or bracket after one. */
const SENTENCE_END = /[.!?。！？;；:：…][”’"')）」』》]*$/u;

/** The other side must have at least this many times as many blocks for a side to be split. */
const MIN_BLOCK_RATIO = 1.5;

/** Share of line breaks that must follow a sentence end for a side to be read one paragraph a line. */
const MIN_SENTENCE_BREAKS = 0.6;

/** A block of at least this many `<br>`-separated lines is read a block a line (two lines may be a line and its note). */
const MIN_BR_LINES = 3;

/** A title line (`isTitleLine`) holds at most this many Latin words and Han characters together (a wrapped line of prose holds more). */
const MAX_TITLE_WEIGHT = 10;

/** What `matchGranularity` did: the documents to align, and one line per side it split. */
export interface GranularityResult {
  source: Document;
  target: Document;
  /** `file: warning: N paragraphs of M lines read as M paragraphs (…)` (the line form of `findPairs`' warnings), one per split side; empty when nothing was split. */
  warnings: string[];
}

/**
 * Detect a granularity mismatch between a Chinese `source` and an English `target` document
 * (module comment) and split at its line breaks each block of `<br>`-separated lines, then each
 * plain-text side written one paragraph a line, then the side with far fewer blocks (newlines, Markdown hard breaks and inline `<br>` tags alike:
 * the reader gives each as `\n`): each line of a splittable block (paragraph, quote, list item,
 * caption) with more than one line becomes a block of the same kind, its inline Markdown cut by
 * `sliceInline` (emphasis and links kept), its source line exact, and the side is segmented again
 * (`segmentBlocks`). Block ids are renumbered in order. Returns the documents unchanged (the same
 * objects) and no warning when nothing is split. Pure; never throws.
 */
export function matchGranularity(source: Document, target: Document): GranularityResult {
  const warnings: string[] = [];
  const brLines = (doc: Document) => {
    const lines = splittableLines(doc).map((l, k) => (l.length >= MIN_BR_LINES && brSeparated(doc.blocks[k], l) ? l : [{ start: 0, end: doc.blocks[k].text.length }]));
    if (lines.every((l) => l.length === 1)) return doc;
    const split = splitSide(doc, lines, `, ${MIN_BR_LINES} lines or more`);
    warnings.push(split.warning);
    return split.doc;
  };
  const own = (doc: Document) => {
    if (isMarkdownFile(doc.file)) return doc;
    const lines = splittableLines(doc);
    const before = textBeforeBreaks(doc, lines);
    if (before.length === 0 || before.filter((line) => SENTENCE_END.test(line) || isTitleLine(line)).length / before.length < MIN_SENTENCE_BREAKS) return doc;
    const split = splitSide(doc, lines, ' in plain text, most after a sentence end or a title');
    warnings.push(split.warning);
    return split.doc;
  };
  const zh = own(brLines(source));
  const en = own(brLines(target));
  const far = (a: Document, b: Document) => b.blocks.length >= MIN_BLOCK_RATIO * a.blocks.length;
  const fewer = far(zh, en) ? 'source' : far(en, zh) ? 'target' : null;
  if (fewer === null) return { source: zh, target: en, warnings };
  const side = fewer === 'source' ? zh : en;
  const other = fewer === 'source' ? en : zh;
  const lines = splittableLines(side);
  const beforeBreaks = textBeforeBreaks(side, lines);
  if (beforeBreaks.length === 0) return { source: zh, target: en, warnings };
  const sentenceBreaks = beforeBreaks.filter((line) => SENTENCE_END.test(line)).length;
  const splitCount = lines.reduce((n, l) => n + l.length, 0);
  const gap = other.blocks.length - side.blocks.length;
  if (sentenceBreaks / beforeBreaks.length < MIN_SENTENCE_BREAKS || Math.abs(other.blocks.length - splitCount) > gap / 2) return { source: zh, target: en, warnings };
  const split = splitSide(side, lines, `; the other side has ${other.blocks.length} blocks`);
  warnings.push(split.warning);
  return fewer === 'source' ? { source: split.doc, target: en, warnings } : { source: zh, target: split.doc, warnings };
}

/** The line ranges of each block of `doc`: its non-blank lines for a splittable block, its whole text otherwise. */
function splittableLines(doc: Document): { start: number; end: number }[][] {
  return doc.blocks.map((b) => (SPLITTABLE.has(b.kind) ? lineRanges(b.text) : [{ start: 0, end: b.text.length }]));
}

/** The text before each line break: every line of a block but its last. */
function textBeforeBreaks(doc: Document, lines: readonly { start: number; end: number }[][]): string[] {
  return lines.flatMap((l, k) => l.slice(0, -1).map((range) => doc.blocks[k].text.slice(range.start, range.end)));
}

/**
 * A short line without clause punctuation: a title (`第一章 会议`, `Chapter One: The Meeting`), which
 * plain text ends with a line break. A wrapped line of prose is longer or holds a comma or a stop.
 */
function isTitleLine(line: string): boolean {
  const { han, words } = scriptWeights(line);
  return han + words <= MAX_TITLE_WEIGHT && !CLAUSE_PUNCTUATION.test(line);
}

/** Commas and stops of either language: a line holding one is prose, not a title. */
const CLAUSE_PUNCTUATION = /[,，、;；.。!！?？]/u;

/**
 * `side` with each block of more than one line (`lines`) split into a block a line, and the
 * warning telling it: `file: warning: N paragraphs of M lines read as M paragraphs (how<detail>)`.
 */
function splitSide(side: Document, lines: readonly { start: number; end: number }[][], detail: string): { doc: Document; warning: string } {
  const broken = lines.filter((l) => l.length > 1);
  const blocks = side.blocks.flatMap((block, k) => (lines[k].length > 1 ? lines[k].map((range, n) => lineBlock(block, range, n)) : [block])).map((b, index) => ({ ...b, index: blockId(index) }));
  const lineCount = broken.reduce((n, l) => n + l.length, 0);
  const noun = (n: number) => (n === 1 ? 'paragraph' : 'paragraphs');
  // Say how the lines were broken, so the author knows what to fix: `<br>` tags or bare newlines.
  const how = side.blocks.some((b, k) => lines[k].length > 1 && holdsBr(b.mdast)) ? '<br> line breaks' : 'single line breaks';
  return {
    doc: { ...side, blocks, segments: segmentBlocks(blocks, side.lang) },
    warning: `${side.file}: warning: ${broken.length} ${noun(broken.length)} of ${lineCount} lines read as ${lineCount} paragraphs (${how}${detail})`,
  };
}

/** An inline HTML `<br>` (`<br/>`, `<br />`), which the reader turns into a line break of the block's text. */

/** Whether inline content holds a `<br>` at any depth. */
function holdsBr(nodes: readonly PhrasingContent[]): boolean {
  return nodes.some((node) => isHtmlBreak(node) || ('children' in node && holdsBr(node.children as PhrasingContent[])));
}

/** Whether every line of `block` (`lines`, its non-blank line ranges) is separated from the next by an inline `<br>`. */
function brSeparated(block: Block, lines: readonly { start: number; end: number }[]): boolean {
  return lines.slice(1).every((line, k) => holdsBr(sliceInline(block.mdast, lines[k].end, line.start)));
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
      } else if (node.type === 'break' || isHtmlBreak(node)) {
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
