/**
 * segment — split block text into sentences and build a `Document` (read + segment).
 *
 * Chinese (`zh-*`): a sentence ends after 。！？；!? (and after …… / … only at the end of the
 * text or before an opening quote or whitespace), together with the closing quotes and brackets
 * that follow. It does not end when a closing quote is followed by a short speech clause
 * (“……。”她说。 — FR-05), nor when an ellipsis is followed by a bracket, comma or more text of
 * the same clause (FR-06). No sentence starts with a closing quote or bracket.
 *
 * English: a sentence ends after . ! ? (plus closing quotes/brackets) followed by white space and
 * a capital letter, digit or opening quote, or by the end of the text — except after titles
 * (Mr. Mrs. Dr. …, which never end a sentence) and single-letter initials (J. Smith). Acronyms
 * such as "U.S." end a sentence when a capitalised word follows (FR-04).
 *
 * Both: no sentence ends inside a pair of 《》〈〉「」『』（）“”‘’ () or "…", whatever it holds
 * (他读了《你好！世界？》一书。 is one sentence). A stop at the very end of a quotation may still end
 * the sentence after the closing quote (他问：“你来吗？”我说…); at the end of a title (《…！》) it never
 * does, and at the end of a parenthesis only when the parenthesis opened the sentence. An opener
 * whose closer does not follow within `PAIR_REACH` characters of the same block is ignored, so a
 * stray （ or " never holds the rest of a long block together.
 *
 * Offsets are UTF-16 code units of the block text; segments are trimmed of white space.
 */
import { basename } from 'node:path';
import { sentenceId, type Block, type BlockId, type Document, type LanguageTag, type Segment, type TextRange } from '../types.ts';
import { detectLanguage, firstBlockIn, readDocument } from '../read/index.ts';
import { BitextError, located } from '../io.ts';
import { ENGLISH_MONTH_ABBREVIATIONS, isChinese, isHan, languageOfFileName, trimRange } from '../text/index.ts';

const ZH_STOP = '。！？；!?;';
const CLOSERS = '”’」』）)】》〉"\'』';
const SPEECH = /[说道问喊叫答称讲]|表示|指出|透露|披露|强调|补充|解释|回忆|告诉|承认|写|說|問|稱|講/;

/** Openers and their closers: no sentence ends between them. */
const PAIRS = new Map([['《', '》'], ['〈', '〉'], ['「', '」'], ['『', '』'], ['（', '）'], ['(', ')'], ['“', '”'], ['‘', '’'], ['"', '"']]);
const OPENER_OF = new Map([...PAIRS].map(([open, close]) => [close, open]));
/** A pair must close within this many UTF-16 units of its opener, else the opener is ignored. */
const PAIR_REACH = 400;

/** Where the bracket and quote pairs of one block lie. */
interface Pairs {
  /** `inside[k] > 0` when a cut at k (between text[k-1] and text[k]) would fall inside a pair. */
  inside: Int32Array;
  /** `openerAt[c]`: position of the opener closed by the closer at c, or -1. */
  openerAt: Int32Array;
}

/**
 * The pairs of `text`, in one pass with a stack: a closer closes the nearest open opener of its
 * kind (dropping unclosed openers above it) if that opener lies within `PAIR_REACH`; otherwise it
 * is ignored. Each opener is pushed and popped once, so time is linear. A straight " opens unless
 * it follows a Latin letter or digit (5" is inches) and closes an open one; ’ between letters is an
 * apostrophe (don’t), not a closer.
 */
function findPairs(text: string): Pairs {
  const n = text.length;
  const delta = new Int32Array(n + 2);
  const openerAt = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const openOfKind = new Map<string, number[]>([...PAIRS.keys()].map((k) => [k, []]));
  for (let c = 0; c < n; c++) {
    const ch = text[c];
    const kind = OPENER_OF.get(ch);
    const open = kind === undefined ? undefined : openOfKind.get(kind)!;
    const o = open?.length ? stack[open[open.length - 1]] : -1;
    const apostrophe = ch === '’' && /\p{L}/u.test(text[c - 1] ?? '') && /\p{L}/u.test(text[c + 1] ?? '');
    if (open && o >= 0 && c - o <= PAIR_REACH && !apostrophe) {
      const depth = open[open.length - 1];
      while (stack.length > depth) openOfKind.get(text[stack.pop()!])!.pop();
      delta[o + 1]++;
      delta[c + 1]--;
      openerAt[c] = o;
    } else if (PAIRS.has(ch) && (ch !== '"' || !/[A-Za-z0-9]/.test(text[c - 1] ?? ''))) {
      openOfKind.get(ch)!.push(stack.length);
      stack.push(c);
    }
  }
  const inside = new Int32Array(n + 1);
  let depth = 0;
  for (let k = 0; k <= n; k++) inside[k] = depth += delta[k];
  return { inside, openerAt };
}

/**
 * Whether a cut at `cut`, after the stop run starting at `stop` and the closers from `closers`,
 * is allowed by the pairs: not inside one, not after a title's closer, and after a parenthesis'
 * closer only when the parenthesis opened the sentence (its opener at `sentenceStart`).
 */
function pairsAllowCut(text: string, pairs: Pairs, stop: number, closers: number, cut: number, sentenceStart: number): boolean {
  if (pairs.inside[cut] > 0) return false;
  for (let c = closers; c < cut; c++) {
    const o = pairs.openerAt[c];
    if (o < 0 || o > stop) continue;
    if (text[o] === '《' || text[o] === '〈') return false;
    if ((text[o] === '（' || text[o] === '(') && o !== sentenceStart) return false;
  }
  return true;
}

/** The first non-space position at or after `from` (where a sentence starting there begins). */
function skipSpace(text: string, from: number): number {
  while (from < text.length && /\s/.test(text[from])) from++;
  return from;
}

/**
 * Sentence ranges of `text` in language `lang` (rules in this module's comment). Returns at least
 * one span when `text` has any non-space character; none for blank text.
 */
export function splitSentences(text: string, lang: LanguageTag): TextRange[] {
  const cuts = isChinese(lang) ? chineseBoundaries(text) : englishBoundaries(text);
  const spans: TextRange[] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    const span = trimRange(text, from, cut);
    if (span) spans.push(span);
    from = cut;
  }
  return spans;
}

/**
 * The longest segment, in UTF-16 units (`segmentBlocks` cuts a longer sentence, `capSentence`):
 * twice the longest sentence of the evaluation corpora (zhongnanhai, MAC-dev, docs-dev, Bible: a
 * Bible verse of 1,446 characters; Chinese at most 268). A longer one is a text without stops,
 * such as a paragraph of Han characters with no punctuation. It is cut into pieces because the
 * aligner's work for a pair of units grows with their size (a bit per item, `lexical.ts`): one
 * unit holding a whole text, paired with each of the many sentences of its translation, made
 * `check` quadratic in the text's length.
 */
export const MAX_SENTENCE = 3000;

/** Characters after which a piece of an over-long sentence may end: white space and clause marks. */
const PIECE_END = /[\s，、；：,;:]/;

/**
 * `span` of `text` cut into pieces of at most `MAX_SENTENCE` UTF-16 units, trimmed: each piece
 * ends after the last white space or clause mark (，、；：,;:) in its second half, else at the
 * limit (one unit earlier when the limit falls inside a surrogate pair). Each unit is looked at
 * most once, so time is linear. Bracket and quote pairs are not looked at: a cut here is a
 * limit, not a sentence boundary.
 */
export function capSentence(text: string, span: TextRange): TextRange[] {
  const pieces: TextRange[] = [];
  let from = span.start;
  while (span.end - from > MAX_SENTENCE) {
    const limit = from + MAX_SENTENCE;
    let cut = limit;
    while (cut > from + MAX_SENTENCE / 2 && !PIECE_END.test(text[cut - 1])) cut--;
    if (cut === from + MAX_SENTENCE / 2) cut = /[\uDC00-\uDFFF]/.test(text[limit]) ? limit - 1 : limit;
    const piece = trimRange(text, from, cut);
    if (piece) pieces.push(piece);
    from = cut;
  }
  const last = trimRange(text, from, span.end);
  if (last) pieces.push(last);
  return pieces;
}

function chineseBoundaries(text: string): number[] {
  const cuts: number[] = [];
  const pairs = findPairs(text);
  let sentenceStart = skipSpace(text, 0);
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const ellipsis = ch === '…' || (ch === '.' && text.startsWith('...', i));
    if (!ZH_STOP.includes(ch) && !ellipsis) {
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && (ZH_STOP.includes(text[j]) || text[j] === '…' || text[j] === '.')) j++;
    let k = j;
    let closedQuote = false;
    while (k < text.length && CLOSERS.includes(text[k])) {
      if (!'）)】》〉'.includes(text[k])) closedQuote = true;
      k++;
    }
    const rest = text.slice(k);
    const onlyEllipsis = [...text.slice(i, j)].every((c) => c === '…' || c === '.');
    let boundary = true;
    if (onlyEllipsis && rest !== '' && !/^[\s“‘「『]/.test(rest)) boundary = false;
    else if (onlyEllipsis && k > j && /^[，,、：:]/.test(rest)) boundary = false;
    if (boundary && closedQuote) {
      const clause = /^[^，。！？；,!?;“”「」]{0,12}/.exec(rest)?.[0] ?? '';
      const stop = rest.charAt(clause.length);
      if (clause !== '' && SPEECH.test(clause) && (stop === '' || '，。：,:！？'.includes(stop))) boundary = false;
    }
    if (/^[，,、]/.test(rest)) boundary = false;
    if (boundary && k < text.length && pairsAllowCut(text, pairs, i, j, k, sentenceStart)) {
      cuts.push(k);
      sentenceStart = skipSpace(text, k);
    }
    i = k > i ? k : i + 1;
  }
  return cuts;
}

const TITLES = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'sr', 'jr', 'gen', 'col', 'capt', 'lt', 'sgt', 'rev', 'hon', 'gov', 'sen',
  'rep', 'pres', 'mt', 'ft', 'messrs', 'mme', 'mlle', 'no', 'nos', 'vol', 'vols', 'fig', 'figs', 'p', 'pp', 'vs', 'cf',
  'approx', 'dept', 'est', ...ENGLISH_MONTH_ABBREVIATIONS,
]);

const EN_STOP = '.!?…';
const EN_CLOSERS = '"”’\')]';
/** How far back the word before a full stop is read: longer than any title, so a longer run is no title or initial. */
const WORD_WINDOW = 32;

/**
 * Cut positions of English text, in one left-to-right pass: every character is looked at a
 * bounded number of times (the stop run, its closers, the white space after it, and at most
 * `WORD_WINDOW` characters before it), so time is linear whatever the text (a regular expression
 * anchored at the end of the prefix would rescan a long run of letters at every full stop).
 */
function englishBoundaries(text: string): number[] {
  const cuts: number[] = [];
  const n = text.length;
  const pairs = findPairs(text);
  let sentenceStart = skipSpace(text, 0);
  let i = 0;
  while (i < n) {
    if (!EN_STOP.includes(text[i])) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && EN_STOP.includes(text[i])) i++;
    const closers = i;
    while (i < n && EN_CLOSERS.includes(text[i])) i++;
    const end = i;
    // The stop run and its closers end a sentence only before white space (not at the end of the text).
    if (end >= n || !/\s/.test(text[end])) continue;
    let next = end;
    while (next < n && /\s/.test(text[next])) next++;
    if (next >= n) continue;
    const after = String.fromCodePoint(text.codePointAt(next)!);
    if (!/[\p{Lu}\p{N}"“‘'(\[]/u.test(after) && !isHan(after)) continue;
    if (text[start] === '.' && text[start + 1] !== '.') {
      const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, start - WORD_WINDOW), start))?.[1] ?? '';
      const bare = word.replace(/\.$/, '');
      if (TITLES.has(bare.toLowerCase()) && !bare.includes('.')) continue;
      if (/^\p{Lu}$/u.test(bare)) continue; // an initial: "J. Smith"
    }
    if (!pairsAllowCut(text, pairs, start, closers, end, sentenceStart)) continue;
    cuts.push(end);
    sentenceStart = next;
  }
  return cuts;
}

/**
 * Segments of every block, in document order, with document-wide `index` from 0 and offsets
 * into `block.text`. A block of kind `code` or `image` is one segment; a table row is split cell
 * by cell; a sentence longer than `MAX_SENTENCE` becomes several segments (`capSentence`).
 */
export function segmentBlocks(blocks: readonly Block[], lang: LanguageTag): Segment[] {
  const segments: Segment[] = [];
  for (const block of blocks) {
    const spans =
      block.kind === 'code' || block.kind === 'image'
        ? [trimRange(block.text, 0, block.text.length)].filter((s): s is TextRange => s !== null)
        : (block.table ? cellSentences(block.text, block.table.ranges, lang) : splitSentences(block.text, lang)).flatMap((s) => (s.end - s.start > MAX_SENTENCE ? capSentence(block.text, s) : [s]));
    for (const { start, end } of spans) {
      segments.push({ block: block.index, index: sentenceId(segments.length), text: block.text.slice(start, end), start, end });
    }
  }
  return segments;
}

/**
 * Sentences (or anything placed in a block by its `block` id, such as pretranslated segments)
 * grouped by block: `result[b]` lists block b's items in the order given, `[]` for each of the
 * `blockCount` blocks that has none (an item naming a later block still gets its group).
 * For a document: `sentencesByBlock(doc.segments, doc.blocks.length)`.
 */
export function sentencesByBlock<T extends { block: BlockId }>(items: readonly T[], blockCount: number): T[][] {
  const groups: T[][] = Array.from({ length: blockCount }, () => []);
  for (const item of items) (groups[item.block] ??= []).push(item);
  return groups;
}

/** Sentences of a table row, cell by cell: no sentence crosses a cell boundary. */
function cellSentences(text: string, cells: readonly TextRange[], lang: LanguageTag): TextRange[] {
  return cells.flatMap((cell) => splitSentences(text.slice(cell.start, cell.end), lang).map((s) => ({ start: s.start + cell.start, end: s.end + cell.start })));
}

/**
 * Read and segment one document file. The language comes from `lang` or from the file name
 * (`zh.md`, `zh-Hans.md`, `zh-Hant.md`, `en.md`, or `.txt`); for `zh` the script (Hans or Hant) is
 * detected. Throws `BitextError` (exit 2) when the file cannot be read (see `readBlocks`), when no
 * language is given or implied by the name, or when the text's script contradicts the language
 * (an English `zh.md`, a Chinese `en.md`; the error names the line of the first block in the wrong
 * language, or only the file when no block is). The front matter's metadata, if any, is kept as `meta`.
 */
export function loadDocument(file: string, lang?: LanguageTag): Document {
  const declared = lang ?? languageOfFileName(file);
  const { blocks, meta } = readDocument(file);
  if (!declared) {
    throw new BitextError(located(file, undefined, `cannot tell the language from the name "${basename(file)}": use zh.md, zh-Hans.md, zh-Hant.md or en.md`), { file });
  }
  const detected = detectLanguage(blocks);
  const wantChinese = isChinese(declared);
  const isZh = detected === 'zh-Hans' || detected === 'zh-Hant';
  if (wantChinese !== isZh || detected === null) {
    const found = detected === null ? 'no clear script' : isZh ? 'Chinese text' : 'English text';
    const why = lang ? `expected ${wantChinese ? 'Chinese' : 'English'} text here` : `the file name says ${wantChinese ? 'Chinese' : 'English'}`;
    // The line of the first block in the wrong language, not of the first block: a Chinese page's
    // English would otherwise be pointed at its Chinese title.
    const line = detected === null ? undefined : firstBlockIn(blocks, isZh ? 'zh' : 'en')?.position.line;
    throw new BitextError(located(file, line, `${why} but it holds ${found}`), { file, ...(line === undefined ? {} : { line }) });
  }
  const tag = declared === 'zh' ? detected : declared;
  return { file, lang: tag, blocks, segments: segmentBlocks(blocks, tag), ...(meta ? { meta } : {}) };
}
