/**
 * Pretranslation and the leverage report. The TM is built from a small hand-made bitext; the new
 * document repeats its heading and first sentence, changes one character of the second sentence
 * and adds a new one. Scores, bands and character counts are hand computations.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addUnits, closeMemory, iterateUnits, openMemory, unitsFromBitext } from '../pipeline/memory/index.ts';
import { pretranslate, pretranslateFile, recordUsage } from '../pipeline/memory/pretranslate.ts';
import type { Memory } from '../pipeline/memory/store.ts';
import { parseBlocks } from '../pipeline/read/blocks.ts';
import { segmentBlocks } from '../pipeline/segment/sentences.ts';
import { blockId, type Bitext, type Block, type BlockLink, type Document, type TranslationUnit } from '../pipeline/types.ts';
import { bitext as runCli } from './helpers/cli.ts';
import { fixture } from './helpers/fixtures.ts';

function doc(file: string, lang: string, markdown: string): Document {
  const blocks = parseBlocks(markdown, file);
  return { file, lang, blocks, segments: segmentBlocks(blocks, lang) };
}

function travelBitext(): Bitext {
  const zh = doc('zh.md', 'zh-Hans', '# 旅行笔记\n\n我们早上出发。路上下起了小雨。\n');
  const en = doc('en.md', 'en', '# Travel Notes\n\nWe set off in the morning. It began to drizzle on the way.\n');
  const links = [
    { source: [0], target: [0], score: 1, sentences: [{ source: [0], target: [0], score: 1 }] },
    { source: [1], target: [1], score: 0.9, sentences: [{ source: [1], target: [1], score: 0.95 }, { source: [2], target: [2], score: 0.9 }] },
  ] as BlockLink[];
  return { doc: 'travel', source: zh, target: en, links };
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
    // pretranslate only reads the memory; recordUsage raises the count of the three units used
    expect([...iterateUnits(m)].map((u) => u.usage)).toEqual([0, 0, 0, 0]);
    expect(result.used).toHaveLength(3);
    expect(recordUsage(m, result.used)).toBe(3);
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

/** A block built by hand (inline nodes without source positions, as in a table row's separators). */
function block(index: number, kind: Block['kind'], mdast: Block['mdast'], extra: Partial<Block> = {}): Block {
  const text = mdast.map((n) => ('value' in n ? n.value : 'children' in n ? n.children.map((c) => ('value' in c ? c.value : '')).join('') : '')).join('');
  return { index: blockId(index), kind, text, mdast, position: { line: index + 1, column: 1, endLine: index + 1, endColumn: 1 }, ...extra };
}
const t = (value: string) => ({ type: 'text' as const, value });

function documentOf(blocks: Block[]): Document {
  return { file: 'new.md', lang: 'zh-Hans', blocks, segments: segmentBlocks(blocks, 'zh-Hans') };
}

function memoryWith(pairs: [string, string][]): Memory {
  const m = openMemory(':memory:');
  const units: TranslationUnit[] = pairs.map(([source, target]) => ({ source, target, sourceLang: 'zh-Hans', targetLang: 'en', origin: null, score: null, created: '2026-01-01T00:00:00Z', changed: '2026-01-01T00:00:00Z', usage: 0 }));
  addUnits(m, units);
  return m;
}

describe('the draft keeps the document structure', () => {
  it('ordered lists keep their numbers from the start number, tight lists stay tight, nested lists nest', () => {
    const m = memoryWith([['开始烹饪。', 'Start cooking.']]);
    const ordered = { ordered: true, start: 3, spread: false };
    const blocks = [
      block(0, 'listItem', [t('准备材料。')], { depth: 1, list: { ...ordered, item: 0, firstOfItem: true } }),
      block(1, 'listItem', [t('开始烹饪。')], { depth: 1, list: { ...ordered, item: 1, firstOfItem: true } }),
      block(2, 'listItem', [t('注意火候。')], { depth: 2, list: { ordered: false, start: 1, spread: false, item: 0, firstOfItem: true } }),
      block(3, 'listItem', [t('装盘上桌。')], { depth: 1, list: { ...ordered, item: 2, firstOfItem: true } }),
    ];
    const { draft } = pretranslate(m, documentOf(blocks));
    // hand check: items 3., 4., 5.; the exact hit (100, no origin) unmarked; bullet list nested under item 4
    expect(draft).toBe('3. [no match] 准备材料。\n4. Start cooking.\n   - [no match] 注意火候。\n5. [no match] 装盘上桌。\n');
    // and read back as an ordered, tight list starting at 3
    expect(parseBlocks(draft).map((b) => [b.depth, b.list?.ordered, b.list?.start, b.list?.spread])).toEqual([[1, true, 3, false], [1, true, 3, false], [2, false, 1, false], [1, true, 3, false]]);
    closeMemory(m);
  });

  it('a loose list stays loose and a second paragraph stays in its item; a new list starts at item 0', () => {
    const m = memoryWith([]);
    const loose = { ordered: false, start: 1, spread: true };
    const blocks = [
      block(0, 'listItem', [t('甲。')], { depth: 1, list: { ...loose, item: 0, firstOfItem: true } }),
      block(1, 'listItem', [t('乙。')], { depth: 1, list: { ...loose, item: 0, firstOfItem: false } }),
      block(2, 'listItem', [t('丙。')], { depth: 1, list: { ...loose, item: 1, firstOfItem: true } }),
      block(3, 'listItem', [t('丁。')], { depth: 1, list: { ordered: true, start: 1, spread: false, item: 0, firstOfItem: true } }),
    ];
    expect(pretranslate(m, documentOf(blocks)).draft).toBe('- [no match] 甲。\n\n  [no match] 乙。\n\n- [no match] 丙。\n\n1. [no match] 丁。\n');
    closeMemory(m);
  });

  it('a GFM table stays a table: header, delimiter and body rows, each cell filled', () => {
    const m = memoryWith([['列一', 'Column 1'], ['列二', 'Column 2'], ['第一步。', 'Step one.']]);
    const sep = t(' | ');
    const align = [null, null];
    const blocks = [
      block(0, 'tableRow', [t('列一'), sep, t('列二')], { table: { row: 0, cells: 2, ranges: [{ start: 0, end: 2 }, { start: 5, end: 7 }], align } }),
      block(1, 'tableRow', [t('第一步。'), sep, { type: 'strong', children: [t('加粗')] }], { table: { row: 1, cells: 2, ranges: [{ start: 0, end: 4 }, { start: 7, end: 9 }], align } }),
      block(2, 'paragraph', [t('表后。')]),
    ];
    const document = documentOf(blocks);
    // table rows are segmented cell by cell
    expect(document.segments.map((s) => s.text)).toEqual(['列一', '列二', '第一步。', '加粗', '表后。']);
    const { draft } = pretranslate(m, document);
    // each header cell is an exact hit; the second body cell keeps its bold source
    expect(draft).toBe('| Column 1 | Column 2 |\n| - | - |\n| Step one. | [no match] **加粗** |\n\n[no match] 表后。\n');
    expect(parseBlocks(draft).map((b) => [b.kind, b.table?.row, b.text])).toEqual([
      ['tableRow', 0, 'Column 1 | Column 2'],
      ['tableRow', 1, 'Step one. | [no match] 加粗'],
      ['paragraph', undefined, '[no match] 表后。'],
    ]);
    closeMemory(m);
  });

  it('a segment left untranslated keeps its bold, italic and code; literal asterisks stay literal', () => {
    const m = memoryWith([['核心结论。', 'Key finding.']]);
    const paragraph: Block['mdast'] = [
      { type: 'strong', children: [t('核心结论。')] },
      t('后面还有'), { type: 'emphasis', children: [t('斜体')] }, t('和'), { type: 'inlineCode', value: 'x = 1' }, t('。价格是5*3元。'),
    ];
    const document = documentOf([block(0, 'paragraph', paragraph)]);
    expect(document.segments.map((s) => s.text)).toEqual(['核心结论。', '后面还有斜体和x = 1。', '价格是5*3元。']);
    const { draft } = pretranslate(m, document);
    expect(draft).toBe('Key finding. [no match] 后面还有*斜体*和`x = 1`。 [no match] 价格是5\\*3元。\n');
    const none = pretranslate(memoryWith([]), document).draft;
    expect(none).toBe('[no match] **核心结论。** [no match] 后面还有*斜体*和`x = 1`。 [no match] 价格是5\\*3元。\n');
    // read back: the marks are there and the asterisk is text
    const [back] = parseBlocks(none);
    expect(back.text).toBe('[no match] 核心结论。 [no match] 后面还有斜体和x = 1。 [no match] 价格是5*3元。');
    expect(back.mdast.map((n) => n.type)).toEqual(['text', 'strong', 'text', 'emphasis', 'text', 'inlineCode', 'text']);
    closeMemory(m);
  });
});

describe('usage counts', () => {
  it('a draft that cannot be written leaves the memory unchanged; a written one raises the counts', () => {
    const dir = fixture();
    const m = memoryWith([['我们早上出发。', 'We set off in the morning.']]);
    const document = documentOf([block(0, 'paragraph', [t('我们早上出发。我们早上出发。')])]);
    writeFileSync(join(dir, 'file'), 'x');
    // the draft's folder would be inside a regular file: writing fails
    expect(() => pretranslateFile(m, document, join(dir, 'file', 'draft.md'))).toThrow();
    expect([...iterateUnits(m)].map((u) => u.usage)).toEqual([0]);
    const result = pretranslateFile(m, document, join(dir, 'draft.md'));
    expect(existsSync(join(dir, 'draft.md'))).toBe(true);
    expect(result.used).toHaveLength(2);
    // used twice in the draft → raised by two
    expect([...iterateUnits(m)].map((u) => u.usage)).toEqual([2]);
    closeMemory(m);
  });
});

describe('command line', () => {
  it('tm import, lookup --json, stats --json, export, pretranslate; exit 2 on bad input', async () => {
    const dir = fixture();
    const tm = join(dir, 'tm.sqlite');
    const tmx = join(dir, 'in.tmx');
    writeFileSync(tmx, `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" datatype="plaintext"/><body>
<tu><tuv xml:lang="zh-CN"><seg>我们早上出发。</seg></tuv><tuv xml:lang="en"><seg>We set off in the morning.</seg></tuv></tu>
<tu creationdate="20260304T050607Z"><tuv xml:lang="zh-CN"><seg>路上下起了小雨。</seg></tuv><tuv xml:lang="en"><seg>It began to drizzle on the way.</seg></tuv></tu>
<tu><tuv xml:lang="ja"><seg>雨</seg></tuv><tuv xml:lang="en"><seg>Rain</seg></tuv></tu>
</body></tmx>
`);
    const imported = await runCli(['tm', 'import', tmx, '--memory', tm, '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ tus: 3, added: 2, existing: 0, skipped: 1 });

    const found = await runCli(['tm', 'lookup', '路上下起了大雨。', '--memory', tm, '--json']);
    expect(found.code).toBe(0);
    expect(JSON.parse(found.stdout)).toEqual([{ source: '路上下起了小雨。', target: 'It began to drizzle on the way.', sourceLang: 'zh-CN', targetLang: 'en', score: 85, band: '85-94', origin: null, created: '2026-03-04T05:06:07Z', changed: '2026-03-04T05:06:07Z', usage: 0 }]);


    const out = join(dir, 'out.tmx');
    expect((await runCli(['tm', 'export', out, '--memory', tm])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<seg>路上下起了小雨。</seg>');

    const source = join(dir, 'new.md');
    writeFileSync(source, '我们早上出发。今天天气很好。\n');
    const draftFile = join(dir, 'draft.md');
    const pre = await runCli(['pretranslate', source, '--memory', tm, '--out', draftFile, '--json']);
    expect(pre.code).toBe(0);
    const report = JSON.parse(pre.stdout);
    expect(report.total).toEqual({ segments: 2, characters: 14 });
    expect(report.bands.find((b: { band: string }) => b.band === '100')).toEqual({ band: '100', segments: 1, characters: 7 });
    expect(readFileSync(draftFile, 'utf8')).toBe('We set off in the morning. [no match] 今天天气很好。\n');
    // the unit used (and only it) has its usage count raised once the draft is written
    expect((await runCli(['tm', 'export', out, '--memory', tm])).code).toBe(0);
    expect([...readFileSync(out, 'utf8').matchAll(/usagecount="(\d+)"/g)].map((u) => u[1])).toEqual(['1', '0']);

    const badMin = await runCli(['tm', 'lookup', 'x', '--min', '500', '--memory', tm]);
    expect(badMin.code).toBe(2);
    expect(badMin.stderr).toContain('--min');
    writeFileSync(join(dir, 'bad.tmx'), '<?xml version="1.0"?>\n<tmx version="1.4">\n<body><tu></body></tmx>\n');
    const bad = await runCli(['tm', 'import', join(dir, 'bad.tmx'), '--memory', tm]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.tmx:3:\d+: /);
    const stats = await runCli(['tm', 'stats', '--memory', tm, '--json']);
    expect(JSON.parse(stats.stdout)).toEqual({ units: 2, current: 2, superseded: 0, pairs: [{ sourceLang: 'zh-CN', targetLang: 'en', units: 2 }], origins: [{ doc: null, units: 2 }] });
  });
});

describe('pretranslate: code blocks', () => {
  it('keeps a code block out of the leverage report', () => {
    const m = memoryWith([['最后一段。', 'The last paragraph.']]);
    const blocks = parseBlocks('最后一段。\n\n```js\nconst x = "中文代码";\n```\n');
    const document: Document = { file: 'code.md', lang: 'zh-Hans', blocks, segments: segmentBlocks(blocks, 'zh-Hans') };
    const { report } = pretranslate(m, document);
    expect(report.total).toEqual({ segments: 1, characters: 5 });
    closeMemory(m);
  });
});
