/**
 * What the aligner's scorers read from each unit (a sentence or a block): its length and the
 * lexical items that can show two units are translations of each other.
 *
 * Every unit becomes a bag of "items". A Chinese item is a content word (dictionary maximum
 * matching, `segmentChinese`) with the ids of the English stems it may translate to (its
 * CC-CEDICT gloss, plus stems learned later by `model1.ts`); an English item is one content word
 * with its stem id. Numbers, months and dates (read by `extractNumbers`, `pipeline/text/numbers.ts`:
 * 12.6万 ↔ 126,000, 11月 ↔ November), Latin-script words written inside Chinese text, and Chinese
 * names written in pinyin (魏玲灵 ↔ Lingling Wei, matched only against capitalised words present
 * in the English document) are items too: they translate to themselves. Ids below
 * `lexicon.stemCount` are dictionary stems; larger ids come from a per-run `Vocabulary`.
 */
import type { BlockKind } from '../types.ts';
import type { Lexicon } from './lexicon/cedict.ts';
import { segmentChinese, type ChineseWords } from './lexicon/chinese.ts';
import { endsWithClosingQuote } from './sentence-evidence.ts';
import { englishWords, extractNumbers, fnv1a, hanCharacters, normalizeEnglish, type NumberMention } from '../text/index.ts';

/** Lexical items of one unit, flattened: item k has stems `stems[start[k] .. start[k+1])`. */
export interface UnitFeatures {
  /** Length in characters (code points) without whitespace — the Gale & Church length. */
  length: number;
  /** Item boundaries into `stems` (length = items + 1). For English every item has one stem. */
  start: Int32Array;
  stems: Int32Array;
  /**
   * Word-type ids of the items (for Model 1 training and coarse-unit merging): a Chinese word's
   * lexicon entry number (other Chinese items: `Vocabulary.zhType`); an English item's stem id.
   */
  types: Int32Array;
  /** Question marks and exclamation marks in the unit (? ？ and ! ！). */
  questions: number;
  exclamations: number;
  /** Whether the unit ends with a closing quotation mark (`endsWithClosingQuote`; for the quote-closure term, `QuoteScorer`). */
  closesQuote: boolean;
}

/** Ids for stems outside the dictionary (numbers, names, words no gloss uses), per alignment run. */
export interface Vocabulary {
  lexicon: Lexicon;
  /** Id of a stem: its dictionary id, else a new id ≥ `lexicon.stemCount`. */
  id(stem: string): number;
  /** Type id of a Chinese item that is no dictionary entry (a number, a Latin word), ≥ `lexicon.entryCount`; dictionary words use their entry. */
  zhType(key: string): number;
  /** Stem id of an English word as written (`normalizeEnglish`, then `id`), −1 for a stop word; memoised. */
  wordId(word: string): number;
}

/** A fresh vocabulary over `lexicon`. */
export function createVocabulary(lexicon: Lexicon): Vocabulary {
  const extra = new Map<string, number>();
  const zhTypes = new Map<string, number>();
  const words = new Map<string, number>();
  const id = (stem: string): number => {
    const known = lexicon.stemId(stem);
    if (known !== undefined) return known;
    let next = extra.get(stem);
    if (next === undefined) extra.set(stem, (next = lexicon.stemCount + extra.size));
    return next;
  };
  return {
    lexicon,
    id,
    zhType(key) {
      let type = zhTypes.get(key);
      if (type === undefined) zhTypes.set(key, (type = lexicon.entryCount + zhTypes.size));
      return type;
    },
    wordId(word) {
      let known = words.get(word);
      if (known === undefined) {
        const stem = normalizeEnglish(word);
        words.set(word, (known = stem ? id(stem) : -1));
      }
      return known;
    },
  };
}

/**
 * The item keys of a unit's numbers (`extractNumbers`): `n:<value>` for a number written in
 * digits, whatever it counts (`2017年` and `2017`, `12.6万` and `126,000` meet); `m:<month>` for a
 * month, and for a date its month and `n:<day>` (`11月12日` and `November 12` both give `m:11`
 * and `n:12`). Other numbers written in words are left to the dictionary (三 ↔ "three").
 */
function numberKeys(mentions: readonly NumberMention[]): string[] {
  return mentions.flatMap((m) => {
    if (m.kind === 'date') return [`m:${Math.floor(m.value / 100)}`, `n:${m.value % 100}`];
    if (m.kind === 'month') return [`m:${m.value}`];
    return m.written === 'digits' ? [`n:${m.value}`] : [];
  });
}

/**
 * Items of one unit under construction: item k has stems stems[start[k] .. start[k+1]) and type
 * types[k]. The buffers are reused from unit to unit (`pack` copies what the unit holds), so
 * reading a document allocates no per-word arrays.
 */
interface Items {
  count: number;
  stemCount: number;
  start: Int32Array;
  stems: Int32Array;
  types: Int32Array;
}

function newItems(): Items {
  return { count: 0, stemCount: 0, start: new Int32Array(64), stems: new Int32Array(256), types: new Int32Array(64) };
}

/** `buffer`, or a copy twice as long when it has no room for `needed` entries. */
function room(buffer: Int32Array, needed: number): Int32Array {
  if (needed <= buffer.length) return buffer;
  const bigger = new Int32Array(Math.max(needed, buffer.length * 2));
  bigger.set(buffer);
  return bigger;
}

function addItem(items: Items, type: number, stems: ArrayLike<number>, more?: readonly number[]): void {
  const total = stems.length + (more?.length ?? 0);
  items.start = room(items.start, items.count + 1);
  items.types = room(items.types, items.count + 1);
  items.stems = room(items.stems, items.stemCount + total);
  items.start[items.count] = items.stemCount;
  items.types[items.count++] = type;
  for (let k = 0; k < stems.length; k++) items.stems[items.stemCount++] = stems[k];
  if (more) for (const stem of more) items.stems[items.stemCount++] = stem;
}

/** An item of one stem (an English word, a number, a Latin word). */
function addWord(items: Items, type: number, stem: number): void {
  items.start = room(items.start, items.count + 1);
  items.types = room(items.types, items.count + 1);
  items.stems = room(items.stems, items.stemCount + 1);
  items.start[items.count] = items.stemCount;
  items.types[items.count++] = type;
  items.stems[items.stemCount++] = stem;
}

/**
 * The unit's features: its items, and from its text the length in code points without
 * whitespace (space, tab, newline, U+3000) and the question and exclamation marks (? ？ ! ！).
 * Empties `items` for the next unit.
 */
function pack(items: Items, text: string): UnitFeatures {
  const start = new Int32Array(items.count + 1);
  start.set(items.start.subarray(0, items.count));
  start[items.count] = items.stemCount;
  let length = 0;
  let questions = 0;
  let exclamations = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x3000) continue;
    // The low half of a surrogate pair belongs to the code point already counted.
    if (c >= 0xdc00 && c < 0xe000 && k > 0 && text.charCodeAt(k - 1) >= 0xd800 && text.charCodeAt(k - 1) < 0xdc00) continue;
    length++;
    if (c === 0x3f || c === 0xff1f) questions++;
    else if (c === 0x21 || c === 0xff01) exclamations++;
  }
  const stems = items.stems.slice(0, items.stemCount);
  const types = items.types.slice(0, items.count);
  items.count = 0;
  items.stemCount = 0;
  return { length, start, stems, types, questions, exclamations, closesQuote: endsWithClosingQuote(text) };
}

/** Capitalised words of an English document, for matching pinyin: written form (lower case, no hyphens or apostrophes) → stem. */
export interface EnglishNames {
  /** Lower-case written name → its stem (`normalizeEnglish`), the id the English side uses. */
  stems: Map<string, string>;
  /** Every prefix of every name, to stop extending a pinyin reading early. */
  prefixes: Set<string>;
}

/**
 * Capitalised words of an English document (names such as "Lingling", "Wei", "Qing-yang"),
 * which pinyin readings of Chinese characters may match.
 */
export function englishNames(texts: readonly string[]): EnglishNames {
  const stems = new Map<string, string>();
  const prefixes = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(/[A-Z][a-z]+(?:[-'’][A-Za-z]+)*/g)) {
      const written = m[0].replace(/[-'’]/g, '').toLowerCase();
      if (stems.has(written) || written.length < 2) continue;
      const stem = normalizeEnglish(written);
      if (!stem) continue;
      stems.set(written, stem);
      for (let k = 1; k <= written.length; k++) prefixes.add(written.slice(0, k));
    }
  }
  return { stems, prefixes };
}

/**
 * Features of Chinese units. `names` (from `englishNames` of the target document) limits the
 * pinyin readings that become name items.
 */
export function chineseFeatures(texts: readonly string[], vocabulary: Vocabulary, names: EnglishNames): UnitFeatures[] {
  const { lexicon } = vocabulary;
  const items = newItems();
  return texts.map((text) => {
    const words = segmentChinese(text, lexicon);
    const nameStems = pinyinNames(text, words, vocabulary, names);
    for (let k = 0; k < words.entry.length; k++) {
      const entry = words.entry[k];
      if (entry < 0) continue;
      const gloss = lexicon.glossOf(entry);
      const extra = nameStems[k]?.filter((id) => !gloss.includes(id));
      if (gloss.length > 0 || extra?.length) addItem(items, entry, gloss, extra);
    }
    for (const key of numberKeys(extractNumbers(text, 'zh'))) addWord(items, vocabulary.zhType(key), vocabulary.id(key));
    for (const w of text.match(/[A-Za-z\u00C0-\u024F]+/g) ?? []) {
      const stem = normalizeEnglish(w);
      if (stem) addWord(items, vocabulary.zhType('l:' + stem), vocabulary.id(stem));
    }
    return pack(items, text);
  });
}

/**
 * Pinyin names: in each run of one-character words (where maximum matching leaves an unknown
 * name), readings of 1–3 consecutive characters that equal a capitalised English word of the
 * target document become a name stem of those characters. Returns, per word, its name stem ids
 * (sparse: undefined for most words).
 */
function pinyinNames(text: string, words: ChineseWords, vocabulary: Vocabulary, names: EnglishNames): (number[] | undefined)[] {
  const out: (number[] | undefined)[] = [];
  if (names.stems.size === 0) return out;
  const { lexicon } = vocabulary;
  const { start, end, entry } = words;
  const single = (k: number) => k < entry.length && entry[k] >= 0 && (end[k] - start[k] === 1 || (end[k] - start[k] === 2 && text.charCodeAt(start[k]) >= 0xd800 && text.charCodeAt(start[k]) < 0xdc00));
  // Depth-first over readings of words k, k+1, k+2 while the concatenation starts some name.
  const extend = (k: number, q: number, prefix: string) => {
    if (q > k + 2 || !single(q)) return;
    const readings = lexicon.pinyinOf(entry[q]);
    for (let r = 0; r < readings.length && r < 3; r++) {
      const written = prefix + readings[r];
      if (!names.prefixes.has(written)) continue;
      const stem = names.stems.get(written);
      if (stem && (q > k || written.length >= 3)) {
        const id = vocabulary.id(stem);
        for (let w = k; w <= q; w++) {
          const list = (out[w] ??= []);
          if (!list.includes(id)) list.push(id);
        }
      }
      extend(k, q + 1, written);
    }
  };
  for (let k = 0; k < entry.length; k++) extend(k, k, '');
  return out;
}

/**
 * Features of English units: content words (normalised, digits left out), then numbers, months and
 * dates (`numberKeys`); the words of a month or date (`November`, `May` in "in May") are read
 * only as that.
 */
export function englishFeatures(texts: readonly string[], vocabulary: Vocabulary): UnitFeatures[] {
  const items = newItems();
  return texts.map((text) => {
    const numbers = extractNumbers(text, 'en');
    let words = text;
    for (const m of numbers) {
      if (m.kind === 'month' || m.kind === 'date') words = words.slice(0, m.start) + ' '.repeat(m.end - m.start) + words.slice(m.end);
    }
    for (const token of englishWords(words)) {
      const id = /^[0-9]/.test(token) ? -1 : vocabulary.wordId(token);
      if (id >= 0) addWord(items, id, id);
    }
    for (const key of numberKeys(numbers)) {
      const id = vocabulary.id(key);
      addWord(items, id, id);
    }
    return pack(items, text);
  });
}

/**
 * Coarse units for multi-resolution search: units 2k and 2k + 1 taken together (a last odd unit
 * stays as it is). A coarse unit keeps one item per word type, the first with its stems: a
 * repeated word adds no evidence that the span is a translation, and the item count, hence the
 * cost of the similarity tables, then grows with the vocabulary rather than the text length.
 */
export function mergePairs(units: readonly UnitFeatures[]): UnitFeatures[] {
  let maxType = -1;
  let items = 0;
  let stems = 0;
  for (const f of units) {
    for (let k = 0; k < f.types.length; k++) if (f.types[k] > maxType) maxType = f.types[k];
    items += f.types.length;
    stems += f.stems.length;
  }
  // One buffer per array for the whole level; each coarse unit holds views into them.
  const startAll = new Int32Array(items + units.length);
  const typesAll = new Int32Array(items);
  const stemsAll = new Int32Array(stems);
  const seenIn = new Int32Array(maxType + 1).fill(-1);
  const out: UnitFeatures[] = [];
  let item = 0;
  let stem = 0;
  for (let k = 0; k < units.length; k += 2) {
    if (k + 1 === units.length) {
      out.push(units[k]);
      continue;
    }
    const x = units[k];
    const y = units[k + 1];
    const firstItem = item;
    const firstStem = stem;
    const startAt = firstItem + out.length;
    for (const f of [x, y]) {
      for (let q = 0; q < f.types.length; q++) {
        const type = f.types[q];
        if (seenIn[type] === k) continue;
        seenIn[type] = k;
        startAll[startAt + item - firstItem] = stem - firstStem;
        typesAll[item++] = type;
        for (let s = f.start[q]; s < f.start[q + 1]; s++) stemsAll[stem++] = f.stems[s];
      }
    }
    startAll[startAt + item - firstItem] = stem - firstStem;
    out.push({
      length: x.length + y.length,
      start: startAll.subarray(startAt, startAt + item - firstItem + 1),
      stems: stemsAll.subarray(firstStem, stem),
      types: typesAll.subarray(firstItem, item),
      questions: x.questions + y.questions,
      exclamations: x.exclamations + y.exclamations,
      closesQuote: y.closesQuote,
    });
  }
  return out;
}

/**
 * What identifies a block written alike in both languages (code, URLs, numbers): its text with
 * whitespace and zero-width characters removed (`text`, with its hash `hash`), and for code its
 * non-empty lines so normalised (`lines`, with the lines' hashes).
 */
export interface BlockIdentity {
  hash: number;
  text: string;
  /** Hashes of the normalised lines, sorted; set for code blocks only. */
  lines?: Uint32Array;
}

/** Whitespace (including U+3000 and no-break spaces) and zero-width characters (U+200B–U+200D, U+2060, U+FEFF). */
const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff]+/gu;

/** Least line-level similarity (`identicalBlocks`) of two code blocks taken for one another. */
export const CODE_IDENTITY = 0.8;

/**
 * The identity of a block (`BlockIdentity`), or undefined when it has none: a code block always
 * has one, and so does an image block (`text` then being its URLs, `Block.src`); another block only when, normalised, it holds no Han character and is a URL or has no
 * letter at all (numbers, symbols) — prose written alike in both documents (a name, a product)
 * is left to the lexical term, since it may translate something else.
 */
export function blockIdentity(text: string, kind: BlockKind | undefined): BlockIdentity | undefined {
  const normal = text.replace(INVISIBLE, '');
  if (!normal) return undefined;
  if (kind === 'code') {
    const lines = text.split('\n').map((l) => l.replace(INVISIBLE, '')).filter((l) => l.length > 0);
    return { hash: fnv1a(normal), text: normal, lines: Uint32Array.from(lines, (l) => fnv1a(l)).sort() };
  }
  if (kind === 'image') return { hash: fnv1a(normal), text: normal };
  if (hanCharacters(normal).length > 0) return undefined;
  if (!/^[a-z][a-z+.-]*:\/\//i.test(normal) && /\p{L}/u.test(normal)) return undefined;
  return { hash: fnv1a(normal), text: normal };
}

/**
 * The identity of a sentence written alike in both languages, or undefined: its text normalised as
 * `blockIdentity` does (whitespace and zero-width characters removed), when that is not empty and
 * holds no Han character — a table cell such as `string`, `-` or `var(--van-gray-7)` is copied,
 * not translated, and the lexical and length terms would otherwise merge several such cells of a
 * row into one 2-2 link. A Chinese sentence of prose always has Han characters, so literary text
 * gets none.
 */
export function segmentIdentity(text: string): BlockIdentity | undefined {
  const normal = text.replace(INVISIBLE, '');
  if (!normal || hanCharacters(normal).length > 0) return undefined;
  return { hash: fnv1a(normal), text: normal };
}

/**
 * The key of a table row (`kind` `tableRow`, `Block.table`): its first cell normalised as
 * `segmentIdentity` does, when that holds no Han character (an identifier such as
 * `confirm-button-text`, written alike in both languages) without a trailing version label
 * (`toolbar3.1.2` → `toolbar`); undefined for a row without cells,
 * another kind of block, or a first cell that is empty or written in Chinese (a header such as 参数).
 */
export function rowKey(block: { text: string; kind?: BlockKind; table?: { ranges: readonly { start: number; end: number }[] } }): string | undefined {
  const first = block.kind === 'tableRow' ? block.table?.ranges[0] : undefined;
  const key = first && segmentIdentity(block.text.slice(first.start, first.end))?.text;
  // A version label glued to the key on one side only (`toolbar` ↔ `toolbar3.1.2`, a "since"
  // badge one translation kept) names the same row: the key is what precedes it.
  const bare = key?.replace(VERSION_LABEL, '');
  return bare ? bare : key;
}

/** A trailing version label, `3.1.2` or `v3.4.0`, after at least one letter of the key. */
const VERSION_LABEL = /(?<=[A-Za-z])v?\d+(?:\.\d+)+$/;

/**
 * Whether two blocks are written alike: the same normalised text, or for two code blocks a Dice
 * coefficient of their normalised lines (as multisets) ≥ `CODE_IDENTITY` — translated comments
 * change a few lines of a long block, never most of them.
 */
export function identicalBlocks(x: BlockIdentity, y: BlockIdentity): boolean {
  if (x.hash === y.hash && x.text === y.text) return true;
  const a = x.lines;
  const b = y.lines;
  if (!a || !b) return false;
  let common = 0;
  for (let p = 0, q = 0; p < a.length && q < b.length; ) {
    if (a[p] === b[q]) { common++; p++; q++; } else if (a[p] < b[q]) p++; else q++;
  }
  return (2 * common) / (a.length + b.length) >= CODE_IDENTITY;
}
