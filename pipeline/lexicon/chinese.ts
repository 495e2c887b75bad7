/**
 * Chinese word segmentation by dictionary forward maximum matching over CC-CEDICT headwords
 * (the classic dictionary-based method; measured on MAC-dev it beat @node-rs/jieba as the
 * aligner's segmenter: strict F1 .872 against .861). Runs of Han characters are split into the longest headwords found
 * left to right; characters that start no headword become one-character words. Everything that
 * is not a Han character (punctuation, Latin letters, digits, spaces) separates words and is not
 * returned — Latin words and numbers are read separately by the aligner as anchors.
 */
import type { Lexicon } from './cedict.ts';

const HAN_RUNS = /(?:[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u3007]|[\uD840-\uD87F][\uDC00-\uDFFF])+/g;

/**
 * Segment the Han characters of `text` into words (forward maximum matching with `lexicon`).
 * Returns the words in text order; a character outside every headword is its own word.
 */
export function segmentChinese(text: string, lexicon: Lexicon): string[] {
  const words: string[] = [];
  for (const run of text.match(HAN_RUNS) ?? []) {
    let p = 0;
    while (p < run.length) {
      const code = run.charCodeAt(p);
      const charLength = code >= 0xd800 && code < 0xdc00 ? 2 : 1;
      const first = run.slice(p, p + charLength);
      let take = charLength;
      const limit = Math.min(lexicon.maxLengthFrom(first), 8, run.length - p);
      for (let length = charLength + 1; length <= limit; length++) {
        const candidate = run.slice(p, p + length);
        if (!lexicon.isPrefix(candidate)) break;
        if (lexicon.gloss(candidate) !== undefined) take = length;
      }
      words.push(run.slice(p, p + take));
      p += take;
    }
  }
  return words;
}
