/**
 * Chinese word segmentation by dictionary forward maximum matching over CC-CEDICT headwords
 * (the classic dictionary-based method; measured on MAC-dev it beat @node-rs/jieba as the
 * aligner's segmenter: strict F1 .872 against .861). Runs of Han characters are split into the longest headwords found
 * left to right; characters that start no headword become one-character words. Everything that
 * is not a Han character (punctuation, Latin letters, digits, spaces) separates words and is not
 * returned — Latin words and numbers are read separately by the aligner as anchors.
 */
import type { Lexicon } from './cedict.ts';
import { hanRuns } from '../../text/index.ts';

/** Longest headword tried, in UTF-16 code units. */
const MAX_WORD = 8;

/** Words of a text as UTF-16 ranges: word k is text[start[k], end[k]), its lexicon entry entry[k] (−1 if none). */
export interface ChineseWords {
  start: number[];
  end: number[];
  entry: number[];
}

/**
 * Segment the Han characters of `text` into words (forward maximum matching with `lexicon`,
 * words of at most 8 code units). Returns the words in text order; a character outside every
 * headword is its own word, with entry −1 unless it is a headword prefix only.
 */
export function segmentChinese(text: string, lexicon: Lexicon): ChineseWords {
  const words: ChineseWords = { start: [], end: [], entry: [] };
  for (const run of hanRuns(text)) {
    const runEnd = run.index + run[0].length;
    let p = run.index;
    while (p < runEnd) {
      const code = text.charCodeAt(p);
      const charLength = code >= 0xd800 && code < 0xdc00 ? 2 : 1;
      let take = charLength;
      let found = lexicon.entry(text, p, p + charLength);
      const limit = Math.min(MAX_WORD, runEnd - p);
      for (let length = charLength + 1; length <= limit; length++) {
        const e = lexicon.entry(text, p, p + length);
        if (e < 0) break;
        if (lexicon.isHeadword(e)) {
          take = length;
          found = e;
        }
      }
      words.start.push(p);
      words.end.push(p + take);
      words.entry.push(found);
      p += take;
    }
  }
  return words;
}
