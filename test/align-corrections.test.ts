/**
 * Corrections (issue 12, items 1–3): `bitext fix` records hand-fixed block links beside the
 * sources (pipeline/align/corrections.ts), and every verb that loads the pair aligns around them
 * (`alignAround` in pipeline/align/align.ts). The documents are invented; each expected alignment
 * is worked out by reading the two texts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alignDocument, bitextFromAlignmentJson, blockFingerprint, loadBitext, loadPair, findPair, readCorrections } from '../pipeline/align/index.ts';
import { needsReview } from '../pipeline/check/review.ts';
import { parseBlocks } from '../pipeline/read/blocks.ts';
import { segmentBlocks } from '../pipeline/segment/sentences.ts';
import type { Bitext, Document } from '../pipeline/types.ts';
import { bitext } from './helpers/cli.ts';
import { fixture } from './helpers/fixtures.ts';
import { EN, GOLD, pairDir, ZH } from './helpers/library-pair.ts';

const shape = (b: Bitext) => b.links.map((l) => [l.source, l.target]);
const corrected = (b: Bitext) => b.links.flatMap((l, k) => (l.corrected ? [k] : []));
function load(dir: string): { bitext: Bitext; warnings: string[] } {
  const warnings: string[] = [];
  return { bitext: loadPair(findPair(dir), (w) => warnings.push(w)), warnings };
}

describe('one correction repairs its neighbours', () => {
  it("[3]:[] gives zh 2 both its English paragraphs: the whole alignment is the gold one", async () => {
    const dir = pairDir();
    // The case the correction is for: on its own the search gets zh 2 and zh 3 wrong.
    expect(shape(load(dir).bitext)).not.toEqual(GOLD);
    const fix = await bitext(['fix', dir, '[3]:[]']);
    expect(fix).toMatchObject({ code: 0, stdout: 'added [3]:[]\n' });
    const { bitext: b, warnings } = load(dir);
    expect(shape(b)).toEqual(GOLD);
    expect(warnings).toEqual([]);
    // Only the anchored link is flagged, with score 1; it is confirmed, so not for review.
    expect(corrected(b)).toEqual([3]);
    expect(b.links[3].score).toBe(1);
    expect(needsReview(b.links[3])).toBe(false);
    expect(needsReview({ ...b.links[3], corrected: undefined })).toBe(true);
  });

  it('a revision elsewhere keeps the correction: an edited English block, and a new block pair before it (ids shift by one)', async () => {
    const dir = pairDir();
    expect((await bitext(['fix', dir, '[3]:[]'])).code).toBe(0);
    const edited = EN.map((t, k) => (k === 5 ? 'The librarian says he hopes that many more young people will come back to the village.' : t));
    writeFileSync(join(dir, 'en.md'), edited.join('\n\n') + '\n');
    const kept = load(dir);
    expect(shape(kept.bitext)).toEqual(GOLD);
    expect(kept.warnings).toEqual([]);
    expect(corrected(kept.bitext)).toEqual([3]);
    // A new paragraph pair after the title: zh 3 is now zh 4, found by its fingerprint.
    writeFileSync(join(dir, 'zh.md'), [ZH[0], '图书馆在村小学旁边。', ...ZH.slice(1)].join('\n\n') + '\n');
    writeFileSync(join(dir, 'en.md'), [edited[0], 'The library stands next to the village school.', ...edited.slice(1)].join('\n\n') + '\n');
    const moved = load(dir);
    expect(moved.warnings).toEqual([]);
    expect(shape(moved.bitext)).toEqual([[[0], [0]], [[1], [1]], [[2], [2]], [[3], [3, 4]], [[4], []], [[5], [5]], [[6], [6]]]);
    expect(corrected(moved.bitext)).toEqual([4]);
    // The file still names the recorded id until `fix` rewrites it; --list shows both.
    expect((await bitext(['fix', dir, '--list'])).stdout).toBe('[4]:[] (recorded as [3]:[])\n');
  });

  it('a revision of the corrected block makes it stale: reported (by check too) and not applied', async () => {
    const dir = pairDir();
    expect((await bitext(['fix', dir, '[3]:[]'])).code).toBe(0);
    writeFileSync(join(dir, 'zh.md'), ZH.map((t, k) => (k === 3 ? '老馆长自己也写故事。' : t)).join('\n\n') + '\n');
    const { bitext: b, warnings } = load(dir);
    expect(warnings).toEqual([`${join(dir, 'zh.md')}: warning: correction [3]:[] is stale: Chinese block 3 changed`]);
    expect(corrected(b)).toEqual([]);
    expect((await bitext(['check', dir])).stderr).toContain('warning: correction [3]:[] is stale: Chinese block 3 changed\n');
    expect((await bitext(['fix', dir])).stdout).toBe('[3]:[] stale: Chinese block 3 changed\n');
    // Recording the changed block again replaces the stale correction (recorded ids overlap, Chinese side).
    expect((await bitext(['fix', dir, '[3]:[]'])).stdout).toBe('removed stale [3]:[]\nadded [3]:[]\n');
    expect((await bitext(['fix', dir])).stdout).toBe('[3]:[]\n');
  });
});

describe('bitext fix', () => {
  it('records ids and fingerprints, one correction a line in block order; a repeated link changes nothing', async () => {
    const dir = pairDir();
    expect((await bitext(['fix', dir, '[5]:[5]', '[2]:[2,3]'])).stdout).toBe('added [5]:[5]\nadded [2]:[2,3]\n');
    expect((await bitext(['fix', dir, '[2]:[2,3]'])).stdout).toBe('[2]:[2,3]\n[5]:[5]\n');
    const fp = (t: string) => blockFingerprint(t);
    expect(readFileSync(join(dir, 'corrections.json'), 'utf8')).toBe(
      '{\n  "version": 1,\n  "corrections": [\n' +
        `    {"source":[{"block":2,"fingerprint":"${fp(ZH[2])}"}],"target":[{"block":2,"fingerprint":"${fp(EN[2])}"},{"block":3,"fingerprint":"${fp(EN[3])}"}]},\n` +
        `    {"source":[{"block":5,"fingerprint":"${fp(ZH[5])}"}],"target":[{"block":5,"fingerprint":"${fp(EN[5])}"}]}\n` +
        '  ]\n}\n',
    );
    // [2]:[2,3] anchored: zh 3 is left between two anchors with no English, so 1-0 — the gold again.
    expect(shape(loadBitext(dir))).toEqual(GOLD);
  });

  it('exits 2 with one line on a link that does not fit', async () => {
    const dir = pairDir();
    expect((await bitext(['fix', dir, '[2]:[2,3]'])).code).toBe(0);
    const file = join(dir, 'corrections.json');
    const cases: [string, string][] = [
      ['[9]:[]', 'the Chinese document has blocks 0–5, not 9'],
      ['[1]:[1,3]', 'English blocks 1,3 are not consecutive'],
      ['[]:[]', 'it names no block'],
      ['[3]:[3]', 'it overlaps correction [2]:[2,3]'],
      ['[1]:[4]', 'it crosses correction [2]:[2,3]'],
    ];
    for (const [link, why] of cases) {
      expect(await bitext(['fix', dir, link])).toEqual({ code: 2, stdout: '', stderr: `bitext: ${file}: link ${link} does not fit: ${why}\n` });
    }
    expect((await bitext(['fix', dir, '--remove', '[4]:[4]'])).stderr).toBe(`bitext: ${file}: no correction [4]:[4] to remove\n`);
    expect(readCorrections(dir)).toHaveLength(1);
    writeFileSync(file, '{"corrections": []}\n');
    expect(await bitext(['check', dir])).toMatchObject({ code: 2, stderr: `bitext: ${file}: not a Bitext corrections file: expected "version": 1\n` });
  });

  it('--remove, --list and --json', async () => {
    const dir = pairDir();
    await bitext(['fix', dir, '[3]:[]', '[5]:[5]']);
    expect((await bitext(['fix', dir, '--remove', '[5]:[5]'])).stdout).toBe('removed [5]:[5]\n');
    const json = JSON.parse((await bitext(['fix', dir, '--json'])).stdout);
    expect(json).toEqual({ doc: 'library', file: join(dir, 'corrections.json'), changes: [], corrections: [{ link: '[3]:[]', recorded: '[3]:[]' }] });
    expect((await bitext(['fix', dir, '--list', '[0]:[0]'])).stdout).toBe('[0]:[0]\n[3]:[]\n');
  });
});

describe('anchors with an empty side', () => {
  const doc = (md: string[], lang: string, file: string): Document => {
    const blocks = parseBlocks(md.join('\n\n'), file);
    return { file, lang, blocks, segments: segmentBlocks(blocks, lang) };
  };
  it('a Chinese block and an English block with no counterpart at one place: both anchored, the rest 1-1', () => {
    // en gets an added paragraph where zh 3 was dropped; zh 2 here is only its first sentence.
    const zh = [ZH[0], ZH[1], '每到周末，孩子们都会来这里读书。', ZH[3], ZH[4], ZH[5]];
    const en = [EN[0], EN[1], EN[2], 'The library has no heating in winter.', EN[4], EN[5]];
    const anchors = [{ source: [3], target: [], score: 1 }, { source: [], target: [3], score: 1 }];
    const { blockLinks } = alignDocument(doc(zh, 'zh-Hans', 'zh.md'), doc(en, 'en', 'en.md'), { anchors });
    expect(blockLinks.map((l) => [l.source, l.target, l.corrected ?? false])).toEqual([
      [[0], [0], false],
      [[1], [1], false],
      [[2], [2], false],
      [[3], [], true],
      [[], [3], true],
      [[4], [4], false],
      [[5], [5], false],
    ]);
  });
});

describe('alignment.json', () => {
  it('build records "corrected": true on each corrected link only, and reading the file back keeps it', async () => {
    const dir = pairDir();
    expect((await bitext(['fix', dir, '[3]:[]'])).code).toBe(0);
    const out = join(fixture(), 'out');
    expect((await bitext(['build', join(dir, '..'), out])).code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'library', 'alignment.json'), 'utf8'));
    expect(json.links.map((l: { corrected?: boolean }) => l.corrected ?? false)).toEqual([false, false, false, true, false, false]);
    expect(corrected(bitextFromAlignmentJson(json, 'alignment.json'))).toEqual([3]);
  });
});
