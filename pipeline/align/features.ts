/**
 * What the aligner's scorers read from each unit (a sentence or a block): its length and the
 * lexical items that can show two units are translations of each other.
 *
 * Every unit becomes a bag of "items". A Chinese item is a content word (dictionary maximum
 * matching, `segmentChinese`) with the ids of the English stems it may translate to (its
 * CC-CEDICT gloss, plus stems learned later by `model1.ts`); an English item is one content word
 * with its stem id. Numbers (full-width digits folded), dates (11月 ↔ November), Latin-script
 * words written inside Chinese text, and Chinese names written in pinyin (魏玲灵 ↔ Lingling Wei,
 * matched only against capitalised words present in the English document) are items too: they
 * translate to themselves. Ids below `lexicon.stemCount` are dictionary stems; larger ids come
 * from a per-run `Vocabulary`.
 */
import type { Lexicon } from '../lexicon/cedict.ts';
import { segmentChinese } from '../lexicon/chinese.ts';
import { ENGLISH_MONTHS, englishWords, normalizeEnglish } from '../lexicon/english.ts';

/** Lexical items of one unit, flattened: item k has stems `stems[start[k] .. start[k+1])`. */
export interface UnitFeatures {
  /** Length in characters (code points) without whitespace — the Gale & Church length. */
  length: number;
  /** Item boundaries into `stems` (length = items + 1). For English every item has one stem. */
  start: Int32Array;
  stems: Int32Array;
  /** Word-type ids of the items (for Model 1 training); Chinese words and English stems. */
  types: Int32Array;
  /** Question marks and exclamation marks in the unit (? ？ and ! ！). */
  questions: number;
  exclamations: number;
}

/** Ids for stems outside the dictionary (numbers, names, words no gloss uses), per alignment run. */
export interface Vocabulary {
  lexicon: Lexicon;
  id(stem: string): number;
  /** Ids of Chinese word types, for Model 1. */
  zhType(word: string): number;
}

/** A fresh vocabulary over `lexicon`. */
export function createVocabulary(lexicon: Lexicon): Vocabulary {
  const extra = new Map<string, number>();
  const zhTypes = new Map<string, number>();
  return {
    lexicon,
    id(stem) {
      const known = lexicon.stemId(stem);
      if (known !== undefined) return known;
      let id = extra.get(stem);
      if (id === undefined) extra.set(stem, (id = lexicon.stemCount + extra.size));
      return id;
    },
    zhType(word) {
      let id = zhTypes.get(word);
      if (id === undefined) zhTypes.set(word, (id = zhTypes.size));
      return id;
    },
  };
}

const FULL_WIDTH_DIGITS = /[\uFF10-\uFF19]/g;
const NUMBER = /[0-9]+(?:[.,][0-9]+)*/g;

function foldDigits(text: string): string {
  return text.replace(FULL_WIDTH_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30));
}

function numberKey(raw: string): string {
  return 'n:' + raw.replace(/,(?=[0-9]{3}\b)/g, '');
}

function countLength(text: string): number {
  let n = 0;
  for (const ch of text) if (ch !== ' ' && ch !== '\n' && ch !== '\t' && ch !== '\u3000') n++;
  return n;
}

function countPunctuation(text: string): { questions: number; exclamations: number } {
  let questions = 0;
  let exclamations = 0;
  for (const ch of text) {
    if (ch === '?' || ch === '？') questions++;
    else if (ch === '!' || ch === '！') exclamations++;
  }
  return { questions, exclamations };
}

function pack(items: number[][], types: number[], length: number, text: string): UnitFeatures {
  const start = new Int32Array(items.length + 1);
  let total = 0;
  for (let k = 0; k < items.length; k++) {
    start[k] = total;
    total += items[k].length;
  }
  start[items.length] = total;
  const stems = new Int32Array(total);
  let p = 0;
  for (const item of items) for (const s of item) stems[p++] = s;
  return { length, start, stems, types: Int32Array.from(types), ...countPunctuation(text) };
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
  return texts.map((raw) => {
    const text = foldDigits(raw);
    const items: number[][] = [];
    const types: number[] = [];
    const words = segmentChinese(text, lexicon);
    const wordItem: (number[] | null)[] = [];
    for (const word of words) {
      const gloss = lexicon.gloss(word);
      if (gloss && gloss.length > 0) {
        const item = [...gloss];
        items.push(item);
        types.push(vocabulary.zhType(word));
        wordItem.push(item);
      } else {
        wordItem.push(null);
      }
    }
    addPinyinNames(words, wordItem, items, types, vocabulary, names);
    for (const m of text.matchAll(NUMBER)) {
      const key = numberKey(m[0]);
      const after = text[m.index! + m[0].length];
      const id = vocabulary.id(after === '月' ? `m:${Number(m[0])}` : key);
      items.push([id]);
      types.push(vocabulary.zhType(after === '月' ? `m:${Number(m[0])}` : key));
    }
    for (const w of text.match(/[A-Za-z\u00C0-\u024F]+/g) ?? []) {
      const stem = normalizeEnglish(w);
      if (!stem) continue;
      items.push([vocabulary.id(stem)]);
      types.push(vocabulary.zhType('l:' + stem));
    }
    return pack(items, types, countLength(raw), raw);
  });
}

/**
 * Pinyin names: in each run of one-character words (where maximum matching leaves an unknown
 * name), readings of 1–3 consecutive characters that equal a capitalised English word of the
 * target document become a name stem added to those characters' items (or a new item).
 */
function addPinyinNames(
  words: string[],
  wordItem: (number[] | null)[],
  items: number[][],
  types: number[],
  vocabulary: Vocabulary,
  names: EnglishNames,
): void {
  if (names.stems.size === 0) return;
  const { lexicon } = vocabulary;
  const single = (k: number) => k < words.length && (words[k].length === 1 || (words[k].length === 2 && words[k].charCodeAt(0) >= 0xd800 && words[k].charCodeAt(0) < 0xdc00));
  const add = (from: number, to: number, stem: string) => {
    const id = vocabulary.id(stem);
    for (let q = from; q < to; q++) {
      let item = wordItem[q];
      if (!item) {
        item = wordItem[q] = [];
        items.push(item);
        types.push(vocabulary.zhType(words[q]));
      }
      if (!item.includes(id)) item.push(id);
    }
  };
  for (let k = 0; k < words.length; k++) {
    if (!single(k)) continue;
    // Depth-first over readings of words k, k+1, k+2 while the concatenation starts some name.
    const extend = (q: number, prefix: string) => {
      if (q > k + 2 || !single(q)) return;
      for (const reading of (lexicon.pinyin(words[q]) ?? []).slice(0, 3)) {
        const written = prefix + reading;
        if (!names.prefixes.has(written)) continue;
        const stem = names.stems.get(written);
        if (stem && (q > k || written.length >= 3)) add(k, q + 1, stem);
        extend(q + 1, written);
      }
    };
    extend(k, '');
  }
}

/** Features of English units: content words (normalised), numbers, month names before a number or capitalised. */
export function englishFeatures(texts: readonly string[], vocabulary: Vocabulary): UnitFeatures[] {
  return texts.map((text) => {
    const items: number[][] = [];
    const types: number[] = [];
    const tokens = englishWords(foldDigits(text));
    for (let k = 0; k < tokens.length; k++) {
      const token = tokens[k];
      let stem: string | null;
      if (/^[0-9]/.test(token)) {
        stem = null;
      } else {
        const month = ENGLISH_MONTHS.get(token.toLowerCase());
        stem = month && /^[A-Z]/.test(token) && (token !== 'May' || /^[0-9]/.test(tokens[k + 1] ?? '')) ? `m:${month}` : normalizeEnglish(token);
      }
      if (!stem) continue;
      const id = vocabulary.id(stem);
      items.push([id]);
      types.push(id);
    }
    for (const m of foldDigits(text).matchAll(NUMBER)) {
      const id = vocabulary.id(numberKey(m[0]));
      items.push([id]);
      types.push(id);
    }
    return pack(items, types, countLength(text), text);
  });
}

/** Features of consecutive units taken together (a coarse unit in multi-resolution search). */
export function mergeFeatures(parts: readonly UnitFeatures[]): UnitFeatures {
  let items = 0;
  let stemCount = 0;
  for (const f of parts) {
    items += f.start.length - 1;
    stemCount += f.stems.length;
  }
  const start = new Int32Array(items + 1);
  const stems = new Int32Array(stemCount);
  const types = new Int32Array(items);
  let item = 0;
  let stem = 0;
  let length = 0;
  let questions = 0;
  let exclamations = 0;
  for (const f of parts) {
    const count = f.start.length - 1;
    for (let k = 0; k < count; k++) start[item + k] = stem + f.start[k];
    types.set(f.types, item);
    stems.set(f.stems, stem);
    item += count;
    stem += f.stems.length;
    length += f.length;
    questions += f.questions;
    exclamations += f.exclamations;
  }
  start[items] = stem;
  return { length, start, stems, types, questions, exclamations };
}
