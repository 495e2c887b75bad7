/**
 * Structure and position as evidence at block level (issue 9): one block on each side left
 * unlinked between two links, of the same kind and depth, is a free translation (1-1), not an
 * omission beside an addition (`joinSqueezed` in pipeline/align/align.ts); list items on both
 * sides of a link wider than 1-1, or a quote with a block of another kind, pay the structure
 * penalty (`StructureScorer` in pipeline/align/scorer.ts). The documents
 * are invented; each answer is worked out by reading the two texts.
 */
import { describe, expect, it } from 'vitest';
import { alignBitext } from '../pipeline/align/index.ts';
import { parseBlocks } from '../pipeline/read/blocks.ts';
import { segmentBlocks } from '../pipeline/segment/sentences.ts';
import type { Bitext, BlockKind, Document } from '../pipeline/types.ts';
import { searchBand, type CoreOptions } from '../pipeline/align/core.ts';
import { chineseFeatures, createVocabulary, englishFeatures, englishNames } from '../pipeline/align/features.ts';
import { loadLexicon } from '../pipeline/align/lexicon/cedict.ts';
import { BLOCK_WEIGHTS, DEFAULT_WEIGHTS, fitLengthModel, linkTypes, type ScorerWeights, type UnitKinds } from '../pipeline/align/scorer.ts';
import { fullBand } from '../pipeline/align/search.ts';

function documentOf(markdown: string, lang: string, file: string): Document {
  const blocks = parseBlocks(markdown, file);
  return { file, lang, blocks, segments: segmentBlocks(blocks, lang) };
}
const align = (zh: string[], en: string[]): Bitext => alignBitext('doc', documentOf(zh.join('\n\n'), 'zh-Hans', 'zh.md'), documentOf(en.join('\n\n'), 'en', 'en.md'));
const shape = (bitext: Bitext) => bitext.links.map((l) => [l.source, l.target]);

// zh 2 (人生如面包，慢火出香甜: "life is like bread, a slow fire brings out the sweetness") is
// rendered freely by en 2: no word in common, three times longer. Every other block is a close translation.
const zh = [
  '# 小镇的面包店',
  '老王在小镇上开了一家面包店，已经二十年了。',
  '人生如面包，慢火出香甜。',
  '每天清晨五点，他就起床准备面粉、鸡蛋和牛奶。',
  '七点钟，第一批顾客走进了店里。',
  '下午，老王会去河边散步，和朋友们下棋。',
];
const free = 'Patience is the secret ingredient of every loaf that ever came out of that old oven, and the regulars swear they can taste it in the crust.';
const en = (middle: string) => [
  '# The Bakery in the Small Town',
  'Lao Wang has run a bakery in the small town for twenty years.',
  middle,
  'Every morning at five o’clock he gets up to prepare flour, eggs and milk.',
  'At seven o’clock, the first customers walked into the shop.',
  'In the afternoon, Lao Wang takes a walk by the river and plays chess with his friends.',
];

describe('a paragraph translated freely between two close translations', () => {
  it('links it 1-1 with the paragraph at its place', () => {
    expect(shape(align(zh, en(free)))).toEqual([0, 1, 2, 3, 4, 5].map((k) => [[k], [k]]));
  });

  it('leaves a paragraph and a list item of another kind at the same place unlinked (1-0 and 0-1)', () => {
    const links = shape(align(zh, en(`- ${free}`)));
    expect(links.slice(0, 2)).toEqual([[[0], [0]], [[1], [1]]]);
    expect(links.slice(2, 4).sort()).toEqual([[[], [2]], [[2], []]].sort());
    expect(links.slice(4)).toEqual([3, 4, 5].map((k) => [[k], [k]]));
  });
});

// Three Chinese blocks against three English blocks, scored with the kinds given; the texts are
// the same in every scorer, so any difference in cost between two of them is the structure rule's.
const zhTexts = ['完全离线使用，不需要下载字体文件。', '在低端设备上有更好的清晰度。', '支持多色图标。'];
const enTexts = ['Complete offline use, without downloading font files.', 'Much more display accuracy on lower-resolution screens.', 'The ability to choose icon colors.'];
const vocabulary = createVocabulary(loadLexicon());
const zhFeatures = chineseFeatures(zhTexts, vocabulary, englishNames(enTexts));
const enFeatures = englishFeatures(enTexts, vocabulary);
const weights: ScorerWeights = { ...DEFAULT_WEIGHTS, ...BLOCK_WEIGHTS };
const depthOf = (kind: BlockKind) => (kind === 'listItem' ? 1 : undefined);
function scorerOf(zhKinds: BlockKind[], enKinds: BlockKind[]) {
  const structure: UnitKinds = { zh: zhKinds, en: enKinds, zhDepth: zhKinds.map(depthOf), enDepth: enKinds.map(depthOf) };
  const options: CoreOptions = { types: linkTypes(4, 5), weights, length: fitLengthModel(zhFeatures.map((f) => f.length), enFeatures.map((f) => f.length)), structure, fullCells: 250_000, bandWidth: 4 };
  return searchBand(zhFeatures, enFeatures, fullBand(3, 3), options).scorer;
}
const paragraphs = scorerOf(['paragraph', 'paragraph', 'paragraph'], ['paragraph', 'paragraph', 'paragraph']);

describe('items of a list on both sides stay one for one (StructureScorer)', () => {
  const lists = scorerOf(['listItem', 'listItem', 'listItem'], ['listItem', 'listItem', 'listItem']);
  const zhList = scorerOf(['listItem', 'listItem', 'listItem'], ['paragraph', 'paragraph', 'paragraph']);

  it('a 2-1 or 1-2 with list items on both sides costs the structure weight more than with paragraphs', () => {
    expect(lists.cost(0, 2, 0, 1, Infinity) - paragraphs.cost(0, 2, 0, 1, Infinity)).toBeCloseTo(weights.structure, 9);
    expect(lists.cost(1, 1, 1, 2, Infinity) - paragraphs.cost(1, 1, 1, 2, Infinity)).toBeCloseTo(weights.structure, 9);
  });

  it('list items merged against paragraphs (a list on one side only), and a 1-1 of two list items, cost what paragraphs do', () => {
    expect(zhList.cost(0, 2, 0, 1, Infinity)).toBeCloseTo(paragraphs.cost(0, 2, 0, 1, Infinity), 9);
    expect(lists.cost(1, 1, 1, 1, Infinity)).toBeCloseTo(paragraphs.cost(1, 1, 1, 1, Infinity), 9);
  });
});

describe('a quote merges only with quotes (StructureScorer)', () => {
  const zhQuote = scorerOf(['paragraph', 'quote', 'paragraph'], ['paragraph', 'paragraph', 'paragraph']);
  const quotes = scorerOf(['quote', 'quote', 'paragraph'], ['quote', 'paragraph', 'paragraph']);

  it('a paragraph and a quote merged against a paragraph cost the structure weight more than three paragraphs', () => {
    expect(zhQuote.cost(0, 2, 0, 1, Infinity) - paragraphs.cost(0, 2, 0, 1, Infinity)).toBeCloseTo(weights.structure, 9);
  });

  it('two quotes merged against a quote, and a 1-1 of a quote with a paragraph, cost what paragraphs do', () => {
    expect(quotes.cost(0, 2, 0, 1, Infinity)).toBeCloseTo(paragraphs.cost(0, 2, 0, 1, Infinity), 9);
    expect(zhQuote.cost(1, 1, 1, 1, Infinity)).toBeCloseTo(paragraphs.cost(1, 1, 1, 1, Infinity), 9);
  });
});
