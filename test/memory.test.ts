/**
 * Translation memory core: store identity (FR-10), scoring and bands (FR-11), language tags,
 * lookup edge cases, units from a bitext. Expected values are hand computations, written next to
 * each assertion.
 */
import { describe, expect, it } from 'vitest';
import { addUnits, closeMemory, importTmx, lookup, memoryStats, openMemory, unitsFromBitext, exportTmx, iterateUnits } from '../pipeline/memory/index.ts';
import { canonicalTag, matchKey, tagMatches } from '../pipeline/text/lang.ts';
import { bandOf, matchScore } from '../pipeline/memory/score.ts';
import { boundedLevenshtein, gramKeys, matchTokens, prepareText } from '../pipeline/memory/text.ts';
import { pairHash } from '../pipeline/memory/store.ts';
import { fnv1a, FNV_OFFSET_BASIS } from '../pipeline/text/index.ts';
import { blockId, sentenceId, type Bitext, type Block, type Segment, type TranslationUnit } from '../pipeline/types.ts';
import { fieldReport } from './helpers/field-reports.ts';
import { fixture as tempDir } from './helpers/fixtures.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DATE = '2026-01-01T00:00:00Z';

function unit(source: string, target: string, sourceLang = 'zh-Hans', targetLang = 'en'): TranslationUnit {
  return { source, target, sourceLang, targetLang, origin: null, score: null, created: DATE, changed: DATE, usage: 0 };
}

describe('language tags', () => {
  it('canonical case, _ read as -', () => {
    expect(canonicalTag('eN-uS')).toBe('en-US');
    expect(canonicalTag('zh_hant_tw')).toBe('zh-Hant-TW');
    expect(canonicalTag('FR-CA')).toBe('fr-CA');
    expect(canonicalTag('zh-CN')).toBe('zh-CN');
  });
  it('zh-CN ≡ zh-Hans, zh-TW ≡ zh-HK ≡ zh-Hant, never across scripts', () => {
    expect(matchKey('zh-CN')).toBe('zh-Hans');
    expect(matchKey('zh-SG')).toBe('zh-Hans');
    expect(matchKey('zh-TW')).toBe('zh-Hant');
    expect(matchKey('zh_HK')).toBe('zh-Hant');
    expect(matchKey('zh-Hant-CN')).toBe('zh-Hant');
    expect(tagMatches('zh-Hans', 'zh-CN')).toBe(true);
    expect(tagMatches('zh-CN', 'zh-Hans')).toBe(true);
    expect(tagMatches('zh-Hans', 'zh-TW')).toBe(false);
    expect(tagMatches('zh-Hant', 'zh-CN')).toBe(false);
    expect(tagMatches('zh', 'zh-TW')).toBe(true);
    expect(tagMatches('en', 'en-GB')).toBe(true);
    expect(tagMatches('en-US', 'en-GB')).toBe(false);
    expect(tagMatches('en', 'eng')).toBe(false);
  });
});

describe('bounded Levenshtein', () => {
  it('exact below the bound, bound + 1 above it', () => {
    const a = [...'kitten'].map((c) => c.charCodeAt(0));
    const b = [...'sitting'].map((c) => c.charCodeAt(0));
    expect(boundedLevenshtein(a, b, 10)).toBe(3); // the textbook example
    expect(boundedLevenshtein(a, b, 3)).toBe(3);
    expect(boundedLevenshtein(a, b, 2)).toBe(3); // capped at max + 1
    expect(boundedLevenshtein([], [1, 2], 5)).toBe(2);
    expect(boundedLevenshtein([1, 2, 3], [1, 2, 3], 0)).toBe(0);
  });
});

describe('score and bands', () => {
  const s = (q: string, t: string) => matchScore(prepareText(q), prepareText(t));
  it('FR-11: one character of nine changed scores 100·8/9 → 88 (characters for Chinese)', () => {
    expect(s('我们后天去公园散步。', '我们明天去公园散步。')).toBe(88);
  });
  it('FR-11: full-width digits are folded for matching only (100)', () => {
    expect(s('第３章已经完成。', '第3章已经完成。')).toBe(100);
  });
  it('punctuation, width and case cost little: 100 − characters changed, at least 95', () => {
    expect(s('请稍候。', '请稍候！')).toBe(99); // one character
    expect(s('ＡＢＣ公司', 'ABC公司')).toBe(97); // three full-width letters
    expect(s('Save the file.', 'save the file')).toBe(98); // S/s and the full stop
    expect(s('第3章已经完成。', '第4章已经完成。')).toBe(99); // only a number differs
  });
  it('words for English: 4 words, one replaced → 75', () => {
    expect(s('Please save the file.', 'Please save this file.')).toBe(75);
  });
  it('fuzzy scores never reach the 95–99 band', () => {
    // 30 characters, one changed: 100·29/30 = 96.7, capped at 94
    const a = '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十';
    expect(s(a, a.slice(0, 29) + '百')).toBe(94);
  });
  it('bands follow memoQ', () => {
    expect([101, 100, 99, 95, 94, 85, 84, 75, 74, 50, 49].map(bandOf)).toEqual(['101', '100', '95-99', '95-99', '85-94', '85-94', '75-84', '75-84', '50-74', '50-74', 'no match']);
    expect(bandOf(null)).toBe('no match');
  });
});

describe('lookup', () => {
  it('FR-11: the three queries', () => {
    const m = openMemory(':memory:');
    const tm = fieldReport('FR-11').tm as { src: string; tgt: string }[];
    addUnits(m, tm.map((u) => unit(u.src, u.tgt)));
    const [q1, q2, q3] = fieldReport('FR-11').queries as string[];
    const h1 = lookup(m, q1, { min: 0 });
    expect(h1[0].source).toBe('我们明天去公园散步。');
    expect(h1[0].score / 100).toBeGreaterThanOrEqual(0.75);
    expect(h1[0].score / 100).toBeLessThanOrEqual(0.99);
    expect(lookup(m, q2, { min: 50 })).toEqual([]);
    const h3 = lookup(m, q3);
    expect(h3).toHaveLength(1);
    expect(h3[0].score).toBe(100);
    expect(h3[0].band).toBe('100');
    expect(h3[0].source).toBe('第3章已经完成。');
    expect(h3[0].target).toBe('Chapter 3 is finished.');
    // stored text is never NFKC-rewritten
    expect([...iterateUnits(m)].map((u) => u.source)).toEqual(['我们明天去公园散步。', '第3章已经完成。']);
    closeMemory(m);
  });

  it('an empty TM gives no hits', () => {
    const m = openMemory(':memory:');
    expect(lookup(m, '请保存文件。')).toEqual([]);
    expect(lookup(m, 'x')).toEqual([]);
    closeMemory(m);
  });

  it('a one-character query finds the one- and two-character units (100 and 50)', () => {
    const m = openMemory(':memory:');
    addUnits(m, [unit('好', 'Good.'), unit('好的', 'OK.'), unit('好好学习', 'Study hard.'), unit('坏', 'Bad.')]);
    const hits = lookup(m, '好');
    // 好 = 100; 好的: distance 1 over 2 characters = 50; 好好学习: 100·1/4 = 25 < 50
    expect(hits.map((h) => [h.source, h.score])).toEqual([['好', 100], ['好的', 50]]);
    closeMemory(m);
  });

  it('a 10,000-character query gives an answer, not an error', () => {
    const m = openMemory(':memory:');
    addUnits(m, [unit('我们明天去公园散步。', 'We will take a walk in the park tomorrow.')]);
    const long = '我们明天去公园散步。'.repeat(1000);
    expect(long.length).toBe(10_000);
    expect(lookup(m, long)).toEqual([]); // 10 of 9,000 tokens in common is far below 50
    expect(lookup(m, long, { min: 0, max: 1 })).toHaveLength(1);
    closeMemory(m);
  });

  it('Traditional and Simplified never serve as matches for each other; original tags kept', () => {
    const m = openMemory(':memory:');
    addUnits(m, [unit('請稍候。', 'Please wait (TW).', 'zh-TW', 'en-US'), unit('请稍候。', 'Please wait.', 'zh-CN', 'en-US')]);
    // A Simplified query never sees the Traditional unit: only the Simplified one (請/请 differ: 1 of 3 → 66).
    const hans = lookup(m, '請稍候。', { sourceLang: 'zh-Hans' });
    expect(hans.map((h) => [h.target, h.score])).toEqual([['Please wait.', 66]]);
    const hant = lookup(m, '請稍候。', { sourceLang: 'zh-Hant' });
    expect(hant.map((h) => [h.target, h.score, h.sourceLang])).toEqual([['Please wait (TW).', 100, 'zh-TW']]);
    // The same characters written in Simplified, asked as Traditional: the Simplified unit is not offered.
    expect(lookup(m, '请稍候。', { sourceLang: 'zh-Hant' }).map((h) => [h.target, h.score])).toEqual([['Please wait (TW).', 66]]);
    const cn = lookup(m, '请稍候。', { sourceLang: 'zh-Hans' });
    expect(cn.map((h) => [h.target, h.sourceLang])).toEqual([['Please wait.', 'zh-CN']]);
    closeMemory(m);
  });

  it('units answer queries in either direction', () => {
    const m = openMemory(':memory:');
    addUnits(m, [unit('请保存文件。', 'Please save the file.')]);
    const hits = lookup(m, 'Please save the file.');
    expect(hits.map((h) => [h.source, h.target, h.sourceLang, h.targetLang, h.score])).toEqual([['Please save the file.', '请保存文件。', 'en', 'zh-Hans', 100]]);
    closeMemory(m);
  });
});

describe('store identity (FR-10)', () => {
  it('export → import (merge and replace) keeps 2 units; identical pairs collapse, alternatives stay', () => {
    const dir = tempDir();
    const m = openMemory(join(dir, 'tm.sqlite'));
    const before = fieldReport('FR-10').tmBefore as { src: string; tgt: string }[];
    expect(addUnits(m, before.map((u) => unit(u.src, u.tgt, 'zh-CN', 'en')))).toEqual({ added: 2, existing: 0 });
    const file = join(dir, 'tm.tmx');
    expect(exportTmx(m, file)).toBe(2);
    expect(importTmx(m, file)).toMatchObject({ tus: 2, added: 0, existing: 2, skipped: 0 });
    expect(memoryStats(m).units).toBe(2);
    expect(importTmx(m, file, { replace: true })).toMatchObject({ tus: 2, added: 2, existing: 0 });
    expect(memoryStats(m).units).toBe(2);

    const step2 = join(dir, 'step2.tmx');
    writeFileSync(step2, fieldReport('FR-10').step2tmx as string);
    // unit 1 is the stored 请稍候。/Please wait. (zh-CN ≡ zh-CN), unit 2 the same again, unit 3 an alternative
    expect(importTmx(m, step2)).toMatchObject({ tus: 3, added: 1, existing: 2, skipped: 0 });
    expect(memoryStats(m).units).toBe(3);
    const hits = lookup(m, '请稍候。').filter((h) => h.score === 100);
    expect(hits.map((h) => h.target).sort()).toEqual(['One moment, please.', 'Please wait.']);
    closeMemory(m);
  });

  it('adds in one transaction: a bad unit leaves the TM as it was', () => {
    const m = openMemory(':memory:');
    addUnits(m, [unit('一', 'One.')]);
    expect(() => addUnits(m, [unit('二', 'Two.'), unit('三', 'Three.', 'not a tag!', 'en')])).toThrow(/not a language tag/);
    expect(memoryStats(m).units).toBe(1);
    expect(lookup(m, '二')).toEqual([]);
    closeMemory(m);
  });

  it('a file that is not a TM is refused with exit code 2', () => {
    const dir = tempDir();
    const file = join(dir, 'not.sqlite');
    writeFileSync(file, 'hello, I am text\n'.repeat(100));
    expect(() => openMemory(file)).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringContaining(file) }));
  });
});

describe('units from a bitext', () => {
  const block = (index: number, text: string): Block => ({ index: blockId(index), kind: 'paragraph', text, mdast: [], position: { line: index + 1, column: 1, endLine: index + 1, endColumn: 1 } });
  const seg = (blockIndex: number, index: number, text: string, start: number): Segment => ({ block: blockId(blockIndex), index: sentenceId(index), text, start, end: start + text.length });
  const blocks = (...n: number[]) => n.map(blockId);
  const sentences = (...n: number[]) => n.map(sentenceId);
  // FR-08's paragraphs p1 and p2: p1 two sentences 1-1, p2 one sentence → two English blocks; plus a 1-0 block.
  const bitext: Bitext = {
    doc: 'travel',
    source: {
      file: 'zh.md',
      lang: 'zh-Hans',
      blocks: [block(0, '我们早上出发。路上下起了小雨。'), block(1, '到达山脚后，我们休息了一会儿，然后开始爬山，一直走到中午才到山顶。'), block(2, '（本段为编者注。）')],
      segments: [seg(0, 0, '我们早上出发。', 0), seg(0, 1, '路上下起了小雨。', 7), seg(1, 2, '到达山脚后，我们休息了一会儿，然后开始爬山，一直走到中午才到山顶。', 0), seg(2, 3, '（本段为编者注。）', 0)],
    },
    target: {
      file: 'en.md',
      lang: 'en',
      blocks: [block(0, 'We set off in the morning. It began to drizzle on the way.'), block(1, 'After reaching the foot of the mountain, we rested for a while.'), block(2, 'Then we started climbing and only reached the top at noon.')],
      segments: [seg(0, 0, 'We set off in the morning.', 0), seg(0, 1, 'It began to drizzle on the way.', 27), seg(1, 2, 'After reaching the foot of the mountain, we rested for a while.', 0), seg(2, 3, 'Then we started climbing and only reached the top at noon.', 0)],
    },
    links: [
      { source: blocks(0), target: blocks(0), score: 0.9, sentences: [{ source: sentences(0), target: sentences(0), score: 0.95 }, { source: sentences(1), target: sentences(1), score: 0.94 }] },
      { source: blocks(1), target: blocks(1, 2), score: 0.8, sentences: [{ source: sentences(2), target: sentences(2, 3), score: 0.7 }] },
      { source: blocks(2), target: blocks(), score: 0.5, sentences: [{ source: sentences(3), target: sentences(), score: 0.5 }] },
    ],
  };

  it('every block and sentence link with text on both sides, origin b<k> / b<k>s<j>', () => {
    const units = unitsFromBitext(bitext, DATE);
    expect(units.map((u) => u.origin!.link)).toEqual(['b0', 'b0s0', 'b0s1', 'b1', 'b1s0']);
    expect(units[0]).toMatchObject({ source: '我们早上出发。路上下起了小雨。', target: 'We set off in the morning. It began to drizzle on the way.', score: 0.9, created: DATE, usage: 0 });
    expect(units[2]).toMatchObject({ source: '路上下起了小雨。', target: 'It began to drizzle on the way.', score: 0.94 });
    // English sides joined with a space
    expect(units[4].target).toBe('After reaching the foot of the mountain, we rested for a while. Then we started climbing and only reached the top at noon.');
    expect(units[3].target).toBe(units[4].target);
  });

  it('building the same pair again adds no units', () => {
    const m = openMemory(':memory:');
    const first = addUnits(m, unitsFromBitext(bitext, DATE));
    expect(first).toEqual({ added: 4, existing: 1 }); // b1 and b1s0 are the same pair
    expect(addUnits(m, unitsFromBitext(bitext, '2026-02-02T00:00:00Z'))).toEqual({ added: 0, existing: 5 });
    expect(memoryStats(m)).toEqual({ units: 4, current: 4, superseded: 0, pairs: [{ sourceLang: 'zh-Hans', targetLang: 'en', units: 4 }], origins: [{ doc: 'travel', units: 4 }] });
    closeMemory(m);
  });
});

describe('matchScore: bounded work on very long texts', () => {
  const changed = (length: number, every: number) => Array.from({ length }, (_, k) => (k % every === 0 ? '地' : '天')).join('');
  it('is exact up to 2,048 tokens: 2,000 different characters score 0 at min 0', () => {
    expect(matchScore(prepareText('天'.repeat(2000)), prepareText('地'.repeat(2000)), 0)).toBe(0);
  });
  it('scores two 70,000-character texts only within the band: 50 changes score 94, 70 changes none', () => {
    const stored = prepareText('天'.repeat(70_000));
    // D = 50 ≤ 59 (2^22 / 70,000): ⌊100 · 69,950 / 70,000⌋ = 99, capped at 94.
    expect(matchScore(prepareText(changed(70_000, 1400)), stored, 0)).toBe(94);
    // D = 70 > 59: beyond the band, treated as below min.
    expect(matchScore(prepareText(changed(70_000, 1000)), stored, 0)).toBe(-1);
  });
});

describe('unit preparation shared by the back ends', () => {
  it('pairHash is FNV-1a of the joined pair under both seeds, in either order (stored hashes stay valid)', () => {
    // The definition: sides sorted, joined by U+0001; high 21 bits from the standard basis, low 32 from seed 0x050c5d1f.
    const definition = (a: string, b: string): number => {
      const joined = a < b ? `${a}\u0001${b}` : `${b}\u0001${a}`;
      return (fnv1a(joined, FNV_OFFSET_BASIS) >>> 11) * 0x100000000 + (fnv1a(joined, 0x050c5d1f) >>> 0);
    };
    for (const [a, b] of [['', ''], ['zh-Hans\u0000深圳地铁\u0000', 'en\u0000Shenzhen Metro\u0000'], ['en\u0000𠀀 astral\u0000<b/>', 'zh-Hans\u0000一\u0000']]) {
      expect(pairHash(a, b)).toBe(definition(a, b));
      expect(pairHash(b, a)).toBe(pairHash(a, b));
    }
  });

  it('gramKeys: each key once, in first-occurrence order, for texts of any length', () => {
    // 好好好好: three equal bigrams → one key; more than 3 tokens, so no unigram.
    expect(gramKeys(matchTokens('好好好好'), 7)).toHaveLength(1);
    // English words are unigram keys: ab, ab, cd → the key of ab, then the key of cd (each alone: n ≤ 3 adds the same unigram key).
    expect(gramKeys(matchTokens('ab ab cd'), 7)).toEqual([gramKeys(matchTokens('ab'), 7)[0], gramKeys(matchTokens('cd'), 7)[0]]);
    // 3,000 characters cycling through 700 code points: 700 distinct adjacent pairs (699 + the wrap from the last back to the first).
    const text = Array.from({ length: 3000 }, (_, i) => String.fromCodePoint(0x4e00 + (i % 700))).join('');
    expect(gramKeys(matchTokens(text), 7)).toHaveLength(700);
  });
});
