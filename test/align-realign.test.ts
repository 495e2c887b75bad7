/**
 * `realignNear` (pipeline/align/align.ts): the review editor's re-alignment of the links near a
 * change only. On the dropped-paragraph pair of test/helpers/library-pair.ts, whose unaided
 * alignment misses zh 3's drop, the correction [3]:[] with one link of context re-aligns links
 * 2–4 alone and gives the gold links, keeping the others as they were.
 */
import { describe, expect, it } from 'vitest';
import { alignBitext, correctionOf, findPair, loadPair, realignNear } from '../pipeline/align/index.ts';
import { loadDocument } from '../pipeline/segment/index.ts';
import type { Bitext } from '../pipeline/types.ts';
import { GOLD, pairDir } from './helpers/library-pair.ts';

const shape = (b: Bitext) => b.links.map((l) => [l.source, l.target]);

/** Every sentence is in exactly one sentence link, and each sentence link lies inside its block link. */
function sentencesCover(b: Bitext): void {
  for (const side of ['source', 'target'] as const) {
    const seen = b.links.flatMap((l) => l.sentences.flatMap((s) => s[side]));
    expect(seen).toEqual(b[side].segments.map((s) => s.index));
    b.links.forEach((l) => l.sentences.forEach((s) => s[side].forEach((id) => expect(l[side]).toContain(b[side].segments[id].block))));
  }
}

describe('realignNear', () => {
  const dir = pairDir();
  const before = loadPair(findPair(dir));
  const correction = correctionOf({ source: [3], target: [] }, before.source, before.target);

  it('re-aligns only the window around the change: [3]:[] with one link of context gives the gold links', () => {
    // The case: unaided, zh 3 is paired with en 3.
    expect(shape(before)).not.toEqual(GOLD);
    const after = realignNear(before, [correction], { context: 1 });
    expect(shape(after)).toEqual(GOLD);
    expect(after.links.map((l) => l.corrected === true)).toEqual([false, false, false, true, false, false]);
    // Outside the window (links 0 and 1, and the last), the links are the ones it had.
    expect([after.links[0], after.links[1], after.links[5]]).toEqual([before.links[0], before.links[1], before.links[5]]);
    sentencesCover(after);
  });

  it('a correction taken back re-aligns the window again; with the whole document in reach it is alignBitext', () => {
    const fixed = realignNear(before, [correction], { context: 1 });
    sentencesCover(realignNear(fixed, [], { context: 1 }));
    const zh = loadDocument(findPair(dir).sourceFile);
    const en = loadDocument(findPair(dir).targetFile);
    expect(realignNear(before, [correction])).toEqual(alignBitext('library', zh, en, { corrections: [correction] }));
  });

  it('a link recorded as it stands is marked corrected, score 1, and nothing else changes', () => {
    const confirmed = realignNear(before, [correctionOf(before.links[1], before.source, before.target)], { context: 1 });
    expect(confirmed.links).toEqual(before.links.map((l, k) => (k === 1 ? { ...l, score: 1, corrected: true } : l)));
    expect(realignNear(before, [])).toEqual(before);
  });
});
