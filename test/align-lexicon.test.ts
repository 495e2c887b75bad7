import { describe, expect, it } from 'vitest';
import { englishWords, normalizeEnglish } from '../pipeline/text/english.ts';
import { loadLexicon } from '../pipeline/align/lexicon/cedict.ts';
import { segmentChinese } from '../pipeline/align/lexicon/chinese.ts';

describe('English normalisation', () => {
  it('inflected forms meet their dictionary form', () => {
    for (const [a, b] of [['walked', 'walk'], ['walks', 'walking'], ['hoped', 'hope'], ['cities', 'city'], ['stopped', 'stop'], ['went', 'go'], ['children', 'child'], ['Said', 'say']]) {
      expect(normalizeEnglish(a)).toBe(normalizeEnglish(b));
      expect(normalizeEnglish(a)).not.toBeNull();
    }
  });

  it('drops stop words, one-letter words and numbers', () => {
    for (const w of ['the', 'And', 'of', 'a', 'x', '1969']) expect(normalizeEnglish(w)).toBeNull();
  });

  it('splits words and digit runs', () => {
    expect(englishWords("In a Tuesday (November 12) article, O'Brien's")).toEqual(['In', 'a', 'Tuesday', 'November', '12', 'article', 'O', 'Brien', 's']);
  });
});

describe('CC-CEDICT lexicon', () => {
  const lexicon = loadLexicon();
  const glossOf = (word: string) => Array.from(lexicon.gloss(word) ?? [], (id) => lexicon.stem(id));
  const words = (text: string) => {
    const { start, end } = segmentChinese(text, lexicon);
    return start.map((from, k) => text.slice(from, end[k]));
  };

  it('is CC-CEDICT from the cc-cedict package', () => {
    expect(lexicon.source).toMatch(/^cc-cedict@\d+\.\d+\.\d+$/);
  });

  it('glosses simplified and traditional headwords with normalised English words', () => {
    expect(glossOf('中国')).toContain('china');
    expect(glossOf('中國')).toContain('china');
    expect(glossOf('旅馆')).toContain(normalizeEnglish('hotel'));
    expect(glossOf('傍晚')).toContain(normalizeEnglish('evening'));
    expect(normalizeEnglish('evening')).toBe('evening');
    expect(lexicon.gloss('不是词语的串')).toBeUndefined();
  });

  it('finds headwords and headword prefixes in a slice of text, without copying it', () => {
    const text = '他看《华尔街日报》';
    const entry = (from: number, to: number) => lexicon.entry(text, from, to);
    // 华尔街日报 (Wall Street Journal) is a headword; 华尔街日 only begins it.
    expect(lexicon.isHeadword(entry(3, 8))).toBe(true);
    expect(entry(3, 7)).toBeGreaterThanOrEqual(0);
    expect(lexicon.isHeadword(entry(3, 7))).toBe(false);
    expect(lexicon.glossOf(entry(3, 7))).toHaveLength(0);
    expect(entry(0, 2)).toBe(-1);
    expect(Array.from(lexicon.glossOf(entry(3, 8)), (id) => lexicon.stem(id))).toContain('journal');
  });

  it('knows pinyin readings of single characters (for names)', () => {
    expect(lexicon.pinyin('魏')).toContain('wei');
    expect(lexicon.pinyin('玲')).toContain('ling');
  });

  it('segments by forward maximum matching; non-Han text separates words', () => {
    expect(words('傍晚我们回到了旅馆。')).toEqual(['傍晚', '我们', '回到', '了', '旅馆']);
    expect(words('华尔街日报（Lingling Wei）11月')).toEqual(['华尔街日报', '月']);
  });
});
