/**
 * Pretranslation and the leverage report. The TM is built from a small hand-made bitext; the new
 * document repeats its heading and first sentence, changes one character of the second sentence
 * and adds a new one. Scores, bands and character counts are hand computations.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addUnits, closeMemory, iterateUnits, openMemory, unitsFromBitext } from '../pipeline/memory/index.ts';
import { pretranslate } from '../pipeline/memory/pretranslate.ts';
import { parseBlocks } from '../pipeline/read.ts';
import { segmentBlocks } from '../pipeline/segment.ts';
import type { Bitext, Document } from '../pipeline/types.ts';
import { bitext as runCli } from './helpers/cli.ts';

function doc(file: string, lang: string, markdown: string): Document {
  const blocks = parseBlocks(markdown, file);
  return { file, lang, blocks, segments: segmentBlocks(blocks, lang) };
}

function travelBitext(): Bitext {
  const zh = doc('zh.md', 'zh-Hans', '# 旅行笔记\n\n我们早上出发。路上下起了小雨。\n');
  const en = doc('en.md', 'en', '# Travel Notes\n\nWe set off in the morning. It began to drizzle on the way.\n');
  return {
    doc: 'travel', sourceLang: 'zh-Hans', targetLang: 'en',
    source: zh.blocks, target: en.blocks, sourceSegments: zh.segments, targetSegments: en.segments,
    blockLinks: [{ source: [0], target: [0], score: 1 }, { source: [1], target: [1], score: 0.9 }],
    segmentLinks: [[{ source: [0], target: [0], score: 1 }], [{ source: [1], target: [1], score: 0.95 }, { source: [2], target: [2], score: 0.9 }]],
  };
}

const NEW_DOC = '# 旅行笔记\n\n我们早上出发。路上下起了大雨。今天天气很好。\n';

describe('pretranslate', () => {
  it('fills each segment with its best hit and reports leverage per band', () => {
    const m = openMemory(':memory:');
    addUnits(m, unitsFromBitext(travelBitext(), '2026-01-01T00:00:00Z'));
    const draft = doc('new.md', 'zh-Hans', NEW_DOC);
    expect(draft.segments.map((s) => s.text)).toEqual(['旅行笔记', '我们早上出发。', '路上下起了大雨。', '今天天气很好。']);
    const result = pretranslate(m, draft);
    // 旅行笔记: exact, first link of the origin (b0) → context 101
    // 我们早上出发。: exact, follows the previous hit (b0 → b1s0) → 101
    // 路上下起了大雨。: 1 of 7 characters changed → 100·6/7 = 85
    // 今天天气很好。: no character bigram in common → no match
    expect(result.segments.map((s) => [s.score, s.band])).toEqual([[101, '101'], [101, '101'], [85, '85-94'], [null, 'no match']]);
    expect(result.draft).toBe('# Travel Notes\n\nWe set off in the morning. [fuzzy 85%] It began to drizzle on the way. [no match] 今天天气很好。\n');
    const byBand = Object.fromEntries(result.report.bands.map((b) => [b.band, [b.segments, b.characters]]));
    expect(byBand).toEqual({ '101': [2, 11], '100': [0, 0], '95-99': [0, 0], '85-94': [1, 8], '75-84': [0, 0], '50-74': [0, 0], 'no match': [1, 7] });
    expect(result.report.total).toEqual({ segments: 4, characters: 26 });
    // the three units used have their usage count raised
    expect([...iterateUnits(m)].map((u) => [u.origin!.link, u.usage])).toEqual([['b0', 1], ['b1', 0], ['b1s0', 1], ['b1s1', 1]]);
    closeMemory(m);
  });

  it('an exact hit out of context stays 100; an empty TM gives only "no match"', () => {
    const m = openMemory(':memory:');
    addUnits(m, unitsFromBitext(travelBitext(), '2026-01-01T00:00:00Z'));
    const result = pretranslate(m, doc('x.md', 'zh-Hans', '今天天气很好。路上下起了小雨。\n'));
    expect(result.segments.map((s) => s.score)).toEqual([null, 100]);
    const empty = openMemory(':memory:');
    const none = pretranslate(empty, doc('x.md', 'zh-Hans', '今天天气很好。\n'));
    expect(none.report.bands.find((b) => b.band === 'no match')).toEqual({ band: 'no match', segments: 1, characters: 7 });
    closeMemory(m);
    closeMemory(empty);
  });
});

describe('command line', () => {
  it('tm import, lookup --json, stats --json, export, pretranslate; exit 2 on bad input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bitext-pretranslate-cli-'));
    const tm = join(dir, 'tm.sqlite');
    const tmx = join(dir, 'in.tmx');
    writeFileSync(tmx, `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" datatype="plaintext"/><body>
<tu><tuv xml:lang="zh-CN"><seg>我们早上出发。</seg></tuv><tuv xml:lang="en"><seg>We set off in the morning.</seg></tuv></tu>
<tu><tuv xml:lang="zh-CN"><seg>路上下起了小雨。</seg></tuv><tuv xml:lang="en"><seg>It began to drizzle on the way.</seg></tuv></tu>
<tu><tuv xml:lang="ja"><seg>雨</seg></tuv><tuv xml:lang="en"><seg>Rain</seg></tuv></tu>
</body></tmx>
`);
    const imported = runCli(['tm', 'import', tmx, '--memory', tm, '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ tus: 3, added: 2, existing: 0, skipped: 1 });

    const found = runCli(['tm', 'lookup', '路上下起了大雨。', '--memory', tm, '--json']);
    expect(found.code).toBe(0);
    expect(JSON.parse(found.stdout)).toEqual([{ source: '路上下起了小雨。', target: 'It began to drizzle on the way.', sourceLang: 'zh-CN', targetLang: 'en', score: 85, band: '85-94', origin: null }]);


    const out = join(dir, 'out.tmx');
    expect(runCli(['tm', 'export', out, '--memory', tm]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<seg>路上下起了小雨。</seg>');

    const source = join(dir, 'new.md');
    writeFileSync(source, '我们早上出发。今天天气很好。\n');
    const draftFile = join(dir, 'draft.md');
    const pre = runCli(['pretranslate', source, '--memory', tm, '--out', draftFile, '--json']);
    expect(pre.code).toBe(0);
    const report = JSON.parse(pre.stdout);
    expect(report.total).toEqual({ segments: 2, characters: 14 });
    expect(report.bands.find((b: { band: string }) => b.band === '100')).toEqual({ band: '100', segments: 1, characters: 7 });
    expect(readFileSync(draftFile, 'utf8')).toBe('We set off in the morning. [no match] 今天天气很好。\n');

    const badMin = runCli(['tm', 'lookup', 'x', '--min', '500', '--memory', tm]);
    expect(badMin.code).toBe(2);
    expect(badMin.stderr).toContain('--min');
    writeFileSync(join(dir, 'bad.tmx'), '<?xml version="1.0"?>\n<tmx version="1.4">\n<body><tu></body></tmx>\n');
    const bad = runCli(['tm', 'import', join(dir, 'bad.tmx'), '--memory', tm]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.tmx:3:\d+: /);
    const stats = runCli(['tm', 'stats', '--memory', tm, '--json']);
    expect(JSON.parse(stats.stdout)).toEqual({ units: 2, pairs: [{ sourceLang: 'zh-CN', targetLang: 'en', units: 2 }], origins: [{ doc: null, units: 2 }] });
    rmSync(dir, { recursive: true, force: true });
  });
});
