/**
 * Edit operations of the review editor (issue 12 item 5, pipeline/review/edits.ts) on a five-block
 * pair whose links are set by hand — so each expected list of corrections is worked out from the
 * links alone, not from the aligner: zh 1 is translated by en 1 and en 2, zh 2 is dropped, and
 * [3]:[3] is already a correction.
 */
import { describe, expect, it } from 'vitest';
import { correctionLabel, correctionOf, type Correction } from '../pipeline/align/index.ts';
import { applyEdit, parseEditOp, type LinkEdit } from '../pipeline/review/index.ts';
import { parseBlocks } from '../pipeline/read/blocks.ts';
import { segmentBlocks } from '../pipeline/segment/sentences.ts';
import type { Bitext, BlockId, BlockLink, Document } from '../pipeline/types.ts';
import { BitextError } from '../pipeline/io.ts';

const doc = (md: string[], lang: string, file: string): Document => {
  const blocks = parseBlocks(md.join('\n\n'), file);
  return { file, lang, blocks, segments: segmentBlocks(blocks, lang) };
};
const source = doc(['# 标题', '第一段。', '第二段。', '第三段。', '第四段。'], 'zh-Hans', 'zh.md');
const target = doc(['# Title', 'The first paragraph.', 'Its second half.', 'The third paragraph.', 'The fourth paragraph.'], 'en', 'en.md');
const link = (s: number[], t: number[], corrected = false): BlockLink => ({ source: s as BlockId[], target: t as BlockId[], score: corrected ? 1 : 0.5, sentences: [], ...(corrected ? { corrected: true as const } : {}) });
const bitext: Bitext = { doc: 'five', source, target, links: [link([0], [0]), link([1], [1, 2]), link([2], []), link([3], [3], true), link([4], [4])] };
const recorded: Correction[] = [correctionOf({ source: [3], target: [3] }, source, target)];
const edit = (op: LinkEdit, corrections = recorded) => applyEdit(bitext, corrections, op).map(correctionLabel);

describe('applyEdit', () => {
  it('merge-next and merge-prev make one link of two; a correction they cover goes', () => {
    expect(edit({ kind: 'merge-next', link: 1 })).toEqual(['[3]:[3]', '[1,2]:[1,2]']);
    expect(edit({ kind: 'merge-prev', link: 4 })).toEqual(['[3,4]:[3,4]']);
    expect(edit({ kind: 'merge-prev', link: 3 })).toEqual(['[2,3]:[3]']);
  });

  it('split keeps the first k Chinese and m English blocks in the first part', () => {
    expect(edit({ kind: 'split', link: 1, source: 1, target: 1 })).toEqual(['[3]:[3]', '[1]:[1]', '[]:[2]']);
    expect(edit({ kind: 'split', link: 1, source: 0, target: 1 })).toEqual(['[3]:[3]', '[]:[1]', '[1]:[2]']);
  });

  it('move shifts the last block down into the next link, or the first block up into the previous one', () => {
    expect(edit({ kind: 'move', link: 1, side: 'target', direction: 'down' })).toEqual(['[3]:[3]', '[1]:[1]', '[2]:[2]']);
    // zh 2 joins link 1; link 2 is left with no block and is dropped.
    expect(edit({ kind: 'move', link: 2, side: 'source', direction: 'up' })).toEqual(['[3]:[3]', '[1,2]:[1,2]']);
    // en 3 leaves the correction [3]:[3] for link 2: both links are recorded again.
    expect(edit({ kind: 'move', link: 3, side: 'target', direction: 'up' })).toEqual(['[2]:[3]', '[3]:[]']);
  });

  it('none makes a block a link of its own and records the rest of its link', () => {
    expect(edit({ kind: 'none', link: 1, side: 'target', block: 2 })).toEqual(['[3]:[3]', '[1]:[1]', '[]:[2]']);
    expect(edit({ kind: 'none', link: 1, side: 'target', block: 1 })).toEqual(['[3]:[3]', '[]:[1]', '[1]:[2]']);
    expect(edit({ kind: 'none', link: 0, side: 'source', block: 0 })).toEqual(['[3]:[3]', '[0]:[]', '[]:[0]']);
  });

  it('confirm records a link as it is; unconfirm removes the correction that made it', () => {
    expect(edit({ kind: 'confirm', link: 0 })).toEqual(['[3]:[3]', '[0]:[0]']);
    expect(edit({ kind: 'confirm', link: 3 })).toEqual(['[3]:[3]']);
    expect(edit({ kind: 'unconfirm', link: 3 })).toEqual([]);
  });

  it('keeps a stale correction as recorded', () => {
    const stale: Correction = { source: [{ block: 2, fingerprint: '00000000' }], target: [] };
    expect(edit({ kind: 'confirm', link: 0 }, [...recorded, stale])).toEqual(['[3]:[3]', '[2]:[]', '[0]:[0]']);
  });

  it('drops a stale correction when a new one is recorded over its recorded blocks (same side), so re-confirming a changed link clears it', () => {
    // zh 1 and en 1 recorded with texts since changed: both sides stale at ids [1]:[1].
    const changed: Correction = { source: [{ block: 1, fingerprint: '00000000' }], target: [{ block: 1, fingerprint: '00000000' }] };
    // Link 1 is [1]:[1,2]: it names zh 1 and en 1, so its confirmation replaces the stale one.
    expect(edit({ kind: 'confirm', link: 1 }, [...recorded, changed])).toEqual(['[3]:[3]', '[1]:[1,2]']);
    // Only the English side overlapping is enough: [2]:[] merged with [1]:[1,2] names en 1 and en 2.
    const enOnly: Correction = { source: [{ block: 0, fingerprint: '00000000' }], target: [{ block: 2, fingerprint: '00000000' }] };
    expect(edit({ kind: 'merge-next', link: 1 }, [...recorded, enOnly])).toEqual(['[3]:[3]', '[1,2]:[1,2]']);
    // A stale correction over other blocks (zh 4) is kept.
    const zh0: Correction = { source: [{ block: 4, fingerprint: '00000000' }], target: [] };
    expect(edit({ kind: 'confirm', link: 0 }, [...recorded, zh0])).toEqual(['[3]:[3]', '[4]:[]', '[0]:[0]']);
  });

  it.each([
    [{ kind: 'merge-next', link: 4 }, 'link 4 is the last link: there is no next link to merge with'],
    [{ kind: 'merge-prev', link: 0 }, 'link 0 is the first link: there is no previous link to merge with'],
    [{ kind: 'confirm', link: 5 }, 'there is no link 5 (the document has links 0–4)'],
    [{ kind: 'split', link: 1, source: 1, target: 2 }, 'split of link 1 at 1 Chinese and 2 English blocks leaves a part with no block'],
    [{ kind: 'split', link: 1, source: 2, target: 0 }, 'link 1 has 1 Chinese and 2 English blocks: cannot keep 2 and 0 in its first part'],
    [{ kind: 'move', link: 0, side: 'source', direction: 'up' }, 'link 0 is the first link: no block can move up from it'],
    [{ kind: 'move', link: 2, side: 'target', direction: 'down' }, 'link 2 has no English block to move'],
    [{ kind: 'none', link: 1, side: 'target', block: 3 }, 'link 1 has no English block 3'],
    [{ kind: 'unconfirm', link: 0 }, 'link 0 is not a correction: there is nothing to take back'],
  ] as [LinkEdit, string][])('refuses %j: %s', (op, message) => {
    expect(() => edit(op)).toThrow(new BitextError(message));
  });

  it('refuses a block inside a side of three', () => {
    const three: Bitext = { ...bitext, links: [link([0], [0]), link([1, 2, 3], [1, 2, 3]), link([4], [4])] };
    expect(() => applyEdit(three, [], { kind: 'none', link: 1, side: 'source', block: 2 })).toThrow('Chinese block 2 is inside link 1, not at either end: split the link first');
  });
});

describe('parseEditOp', () => {
  it('takes each kind with its fields and nothing else', () => {
    expect(parseEditOp({ kind: 'move', link: 2, side: 'target', direction: 'up', extra: 1 })).toEqual({ kind: 'move', link: 2, side: 'target', direction: 'up' });
    expect(parseEditOp({ kind: 'undo', link: 3 })).toEqual({ kind: 'undo' });
  });
  it.each([
    [null, 'op: expected an object such as {"kind":"confirm","link":3}'],
    [{ kind: 'shuffle' }, 'op: unknown kind "shuffle" (expected merge-next, merge-prev, split, move, none, confirm, unconfirm, undo or redo)'],
    [{ kind: 'confirm', link: -1 }, 'op confirm: "link" must be a whole number ≥ 0'],
    [{ kind: 'split', link: 1, source: 1.5, target: 0 }, 'op split: "source" must be a whole number ≥ 0'],
    [{ kind: 'none', link: 1, side: 'left', block: 0 }, 'op none: "side" must be "source" or "target"'],
    [{ kind: 'move', link: 1, side: 'source', direction: 'left' }, 'op move: "direction" must be "up" or "down"'],
  ])('refuses %j', (value, message) => {
    expect(() => parseEditOp(value)).toThrow(message);
  });
});
