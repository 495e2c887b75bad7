import { describe, expect, it } from 'vitest';
import { parseBlocks } from '../pipeline/read/index.ts';
import { capSentence, MAX_SENTENCE, segmentBlocks } from '../pipeline/segment/index.ts';

/** Pieces of the whole of `text` taken as one sentence. */
const pieces = (text: string) => capSentence(text, { start: 0, end: text.length }).map((s) => [s.start, s.end]);

describe('a sentence longer than MAX_SENTENCE is cut into pieces', () => {
  it('the limit is 3,000 UTF-16 units', () => {
    expect(MAX_SENTENCE).toBe(3000);
  });

  it('Han characters without punctuation: pieces of exactly the limit, the rest last', () => {
    expect(pieces('中'.repeat(7000))).toEqual([[0, 3000], [3000, 6000], [6000, 7000]]);
  });

  it('a clause mark in the second half of the limit ends a piece after it', () => {
    // The ， is unit 2000 (in 1500 … 3000): the first piece is units 0 … 2000 with it.
    expect(pieces(`${'中'.repeat(2000)}，${'中'.repeat(2000)}`)).toEqual([[0, 2001], [2001, 4001]]);
    // At unit 1000 it is in the first half, so the piece ends at the limit.
    expect(pieces(`${'中'.repeat(1000)}，${'中'.repeat(3000)}`)).toEqual([[0, 3000], [3000, 4001]]);
  });

  it('English words without a stop: the piece ends at the last space before the limit, trimmed', () => {
    // 'word ' × 1000 (trimmed: units 0 … 4999): unit 2999 is a space, so the cut is at 3000 and the space is trimmed away.
    expect(capSentence('word '.repeat(1000), { start: 0, end: 4999 }).map((s) => [s.start, s.end])).toEqual([[0, 2999], [3000, 4999]]);
  });

  it('no cut between the halves of a surrogate pair', () => {
    // 'a' then 2,000 × U+20000 (two units each): unit 3000 is a low surrogate, so the cut is at 2999.
    expect(pieces(`a${'\u{20000}'.repeat(2000)}`)).toEqual([[0, 2999], [2999, 4001]]);
  });

  it("a document's segments: an over-long sentence cut, its neighbours and code blocks untouched", () => {
    const han = '中'.repeat(4000);
    const code = 'x'.repeat(4000);
    const blocks = parseBlocks(`短句。${han}\n\n\`\`\`\n${code}\n\`\`\`\n`);
    const segments = segmentBlocks(blocks, 'zh-Hans').map((s) => [s.block, s.start, s.end]);
    // Block 0: 短句。 (units 0 … 3), then 4,000 Han characters from unit 3 cut at 3 + 3000.
    expect(segments).toEqual([[0, 0, 3], [0, 3, 3003], [0, 3003, 4003], [1, 0, 4000]]);
  });
});
