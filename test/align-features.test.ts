import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../pipeline/align/lexicon/cedict.ts';
import { chineseFeatures, createVocabulary, englishFeatures, englishNames, type UnitFeatures } from '../pipeline/align/features.ts';
import { alignSequences } from '../pipeline/align/index.ts';

const lexicon = loadLexicon();

function shared(zhText: string, enText: string): string[] {
  const vocabulary = createVocabulary(lexicon);
  const [zh] = chineseFeatures([zhText], vocabulary, englishNames([enText]));
  const [en] = englishFeatures([enText], vocabulary);
  const enStems = new Set(en.stems);
  const names = (f: UnitFeatures, k: number) => Array.from(f.stems.subarray(f.start[k], f.start[k + 1]));
  const out = new Set<string>();
  for (let k = 0; k + 1 < zh.start.length; k++) {
    for (const id of names(zh, k)) if (enStems.has(id)) out.add(id < lexicon.stemCount ? lexicon.stem(id) : `#${id}`);
  }
  return [...out];
}

describe('lexical anchors', () => {
  it('dates: 11月12日 (full-width digits too) ↔ November 12', () => {
    const vocabulary = createVocabulary(lexicon);
    const [zh] = chineseFeatures(['周二（１１月１２日）'], vocabulary, englishNames([]));
    const [en] = englishFeatures(['Tuesday (November 12)'], vocabulary);
    const month = vocabulary.id('m:11');
    const day = vocabulary.id('n:12');
    for (const f of [zh, en]) {
      expect(Array.from(f.stems)).toContain(month);
      expect(Array.from(f.stems)).toContain(day);
    }
    expect(Array.from(zh.stems)).toContain(lexicon.stemId('tuesday'));
  });

  it('names in pinyin: 魏玲灵 ↔ Lingling Wei; Latin words written inside Chinese text', () => {
    const matched = shared('记者魏玲灵在文章中写道', 'journalist Lingling Wei writes in the article');
    expect(matched).toContain('wei');
    expect(matched.some((s) => s.startsWith('lingl'))).toBe(true);
    expect(shared('罗伯特·奥布莱恩（Robert O’Brien）表示', 'Robert O’Brien said')).toContain('robert');
  });

  it('questions count as evidence: ? links with ?', () => {
    const links = alignSequences(
      [{ text: '你去哪儿？' }, { text: '我回家。' }],
      [{ text: 'Where are you going?' }, { text: 'Home.' }],
    );
    expect(links.map((l) => [l.source, l.target])).toEqual([[[0], [0]], [[1], [1]]]);
  });
});

describe('structure: headings link with headings', () => {
  it('FR-02 shape: heading ↔ heading and paragraph ↔ paragraph, no 1-0/0-1 links', () => {
    const links = alignSequences(
      [{ text: '第一章', kind: 'heading', depth: 1 }, { text: '正文第一句。', kind: 'paragraph' }],
      [{ text: 'Chapter One', kind: 'heading', depth: 1 }, { text: 'First sentence.', kind: 'paragraph' }],
      { granularity: 'block' },
    );
    expect(links.map((l) => [l.source, l.target])).toEqual([[[0], [0]], [[1], [1]]]);
  });

  it('an untranslated heading stays alone (1-0) instead of being merged into the next paragraph', () => {
    // Without the structure term this aligns [0,1]:[0] (measured: weights.structure = 0).
    const zh = [
      { text: '前言', kind: 'heading' as const, depth: 2 },
      { text: '本书讲述了一个家庭三代人的故事。', kind: 'paragraph' as const },
      { text: '作者在北京住了二十年。', kind: 'paragraph' as const },
    ];
    const en = [
      { text: 'This book tells the story of three generations of a family.', kind: 'paragraph' as const },
      { text: 'The author lived in Beijing for twenty years.', kind: 'paragraph' as const },
    ];
    expect(alignSequences(zh, en, { granularity: 'block' }).map((l) => [l.source, l.target])).toEqual([[[0], []], [[1], [0]], [[2], [1]]]);
    expect(alignSequences(zh, en, { granularity: 'block', weights: { structure: 0 } }).map((l) => [l.source, l.target])).toEqual([[[0, 1], [0]], [[2], [1]]]);
  });
});
