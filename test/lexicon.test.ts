import { describe, expect, it } from 'vitest';
import { englishWords, normalizeEnglish } from '../pipeline/lexicon/english.ts';
import { loadLexicon } from '../pipeline/lexicon/cedict.ts';
import { segmentChinese } from '../pipeline/lexicon/chinese.ts';

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
  const glossOf = (word: string) => (lexicon.gloss(word) ?? []).map((id) => lexicon.stem(id));

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

  it('knows pinyin readings of single characters (for names)', () => {
    expect(lexicon.pinyin('魏')).toContain('wei');
    expect(lexicon.pinyin('玲')).toContain('ling');
  });

  it('segments by forward maximum matching; non-Han text separates words', () => {
    expect(segmentChinese('傍晚我们回到了旅馆。', lexicon)).toEqual(['傍晚', '我们', '回到', '了', '旅馆']);
    expect(segmentChinese('华尔街日报（Lingling Wei）11月', lexicon)).toEqual(['华尔街日报', '月']);
  });
});
