/**
 * A memory one can trust (issue 13, items 3 and 6): TMX export and import of characters XML 1.0
 * forbids (FR-17), inline tags that never drag identical text below 95 (FR-18), the query's
 * script detected by `tm lookup`, hits with their date and origin, non-TMX input named as such.
 * Expected values are worked out by hand from the field reports and the score rules of
 * pipeline/memory/score.ts.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { addUnits, closeMemory, importTmx, iterateUnits, lookup, openMemory, writeTmx } from '../pipeline/memory/index.ts';
import type { TranslationUnit } from '../pipeline/types.ts';
import { fieldReport } from './helpers/field-reports.ts';
import { bitext } from './helpers/cli.ts';
import { fixture } from './helpers/fixtures.ts';

const DATE = '2026-03-04T05:06:07Z';
const header = '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" datatype="plaintext"/>';

function unit(source: string, target: string, extra: Partial<TranslationUnit> = {}): TranslationUnit {
  return { source, target, sourceLang: 'zh-Hans', targetLang: 'en', origin: null, score: null, created: DATE, changed: DATE, usage: 0, ...extra };
}

/** Parse `xml` with saxes (XML 1.0 well-formedness); throws on the first error. */
function wellFormed(xml: string): void {
  const parser = new SaxesParser();
  parser.on('error', (e) => { throw e; });
  parser.write(xml).close();
}

describe('FR-17: characters XML 1.0 forbids', () => {
  it('export replaces the vertical tab by a space and keeps the emoji and 𠮷 raw; import gives the same texts', () => {
    const input = fieldReport('FR-17').unit as TranslationUnit;
    const dir = fixture();
    const file = join(dir, 'fr17.tmx');
    writeTmx([unit(input.source, input.target), unit('𠮷野家\uD800。', 'Yoshinoya\uDFFF.')], file);
    const xml = readFileSync(file, 'utf8');
    expect(() => wellFormed(xml)).not.toThrow();
    expect(xml).not.toMatch(/[\u000b\uFFFD]|&#x?[dD][89abAB]/);
    expect(xml).toContain('<seg>第一段 第二段 😀</seg>');
    expect(xml).toContain('<seg>Para one Para two 😀</seg>');
    // lone surrogates are removed, the pair of 𠮷 (U+20BB7) stays
    expect(xml).toContain('<seg>𠮷野家。</seg>');
    expect(xml).toContain('<seg>Yoshinoya.</seg>');
    const m = openMemory(':memory:');
    expect(importTmx(m, file)).toMatchObject({ tus: 2, added: 2 });
    expect([...iterateUnits(m)].map((u) => [u.source, u.target])).toEqual([['第一段 第二段 😀', 'Para one Para two 😀'], ['𠮷野家。', 'Yoshinoya.']]);
    closeMemory(m);
  });

  it('a raw vertical tab in a TMX from another tool is read as a space, not refused', () => {
    const dir = fixture({ 'vt.tmx': `<?xml version="1.0"?>\n<tmx version="1.4">${header}<body>\n<tu><tuv xml:lang="zh-CN"><seg>第一段\u000b第二段</seg></tuv><tuv xml:lang="en"><seg>Para one\u000bPara two</seg></tuv></tu>\n</body></tmx>\n` });
    const m = openMemory(':memory:');
    expect(importTmx(m, join(dir, 'vt.tmx'))).toMatchObject({ tus: 1, added: 1 });
    expect([...iterateUnits(m)].map((u) => [u.source, u.target])).toEqual([['第一段 第二段', 'Para one Para two']]);
    closeMemory(m);
  });
});

describe('FR-18: inline tags never drag identical text below 95', () => {
  it('level-2 elements score 100, OmegaT short tags in level-1 text 95; export keeps the elements', () => {
    const input = fieldReport('FR-18');
    const target = 'This is the house that Jack built';
    const dir = fixture({
      'fr18.tmx': `<?xml version="1.0"?>\n<tmx version="1.4">${header}<body>\n` +
        `<tu><tuv xml:lang="zh-CN">${input.tmx_seg_level2}</tuv><tuv xml:lang="en"><seg>${target}</seg></tuv></tu>\n` +
        `<tu><tuv xml:lang="zh-CN">${input.tmx_seg_level1}</tuv><tuv xml:lang="en"><seg>${target}.</seg></tuv></tu>\n</body></tmx>\n`,
    });
    const m = openMemory(':memory:');
    importTmx(m, join(dir, 'fr18.tmx'));
    const hits = lookup(m, input.query, { min: 0 });
    // level 2: the plain text is the query itself (100); level 1: the same tokens once <f0>, </f0>
    // are no words, 9 characters apart → 100 − min(5, 9) = 95
    expect(hits.map((h) => [h.source, h.score])).toEqual([['这是杰克盖的房子', 100], ['这是<f0>杰克</f0>盖的房子', 95]]);
    const out = join(dir, 'out.tmx');
    writeTmx([...iterateUnits(m)], out);
    expect(readFileSync(out, 'utf8')).toContain(input.tmx_seg_level2);
    closeMemory(m);
  });

  it('HTML formatting tags are no words either; an element a text talks about (<div>) still is', () => {
    const m = openMemory(':memory:');
    addUnits(m, [unit('点击<b>保存</b>按钮', 'Click the Save button'), unit('使用<div>元素', 'Use the div element')]);
    // tokens equal; "<b>" and "</b>" are 7 characters → 100 − 5
    expect(lookup(m, '点击保存按钮').map((h) => h.score)).toEqual([95]);
    // 使用元素 against 使用 div 元素: token distance 1 of 5 → 100·4/5 = 80
    expect(lookup(m, '使用元素').map((h) => h.score)).toEqual([80]);
    closeMemory(m);
  });
});

describe('tm lookup: script, date, origin', () => {
  it('a Traditional query without --src finds its Traditional unit, not the Simplified one', () => {
    const m = openMemory(':memory:');
    addUnits(m, [unit('这是一个测试。', 'This is a test (Simplified).'), unit('這是一個測試。', 'This is a test (Traditional).', { sourceLang: 'zh-Hant' })]);
    expect(lookup(m, '這是一個測試。').map((h) => [h.sourceLang, h.target, h.score])).toEqual([['zh-Hant', 'This is a test (Traditional).', 100]]);
    expect(lookup(m, '这是一个测试。').map((h) => [h.sourceLang, h.target, h.score])).toEqual([['zh-Hans', 'This is a test (Simplified).', 100]]);
    closeMemory(m);
  });

  it('hits carry the dates; the command line prints origin and day, --json both dates', async () => {
    const dir = fixture();
    const memory = join(dir, 'm.sqlite');
    const m = openMemory(memory);
    addUnits(m, [unit('天气很好。', 'The weather is fine.', { origin: { doc: 'demo', link: 'b3s1' }, created: DATE, changed: '2026-05-06T07:08:09Z' })]);
    expect(lookup(m, '天气很好。').map((h) => [h.created, h.changed])).toEqual([[DATE, '2026-05-06T07:08:09Z']]);
    closeMemory(m);
    const text = await bitext(['tm', 'lookup', '天气很好。', '--memory', memory]);
    expect(text.stdout).toBe('100  天气很好。\n     → The weather is fine.  (demo b3s1, 2026-05-06)\n');
    const json = await bitext(['tm', 'lookup', '天气很好。', '--memory', memory, '--json']);
    expect(JSON.parse(json.stdout)).toEqual([{ source: '天气很好。', target: 'The weather is fine.', sourceLang: 'zh-Hans', targetLang: 'en', origin: { doc: 'demo', link: 'b3s1' }, created: DATE, changed: '2026-05-06T07:08:09Z', usage: 0, score: 100, band: '100' }]);
  });
});

describe('tm import of a file that is not TMX', () => {
  it('a CSV is named as no TMX at its first line, and the new memory and its folders are not left behind', async () => {
    const dir = fixture({ 'x.csv': '\nnot,a,tmx\n第一,first\n' });
    const memory = join(dir, 'new', 'sub', 'm.sqlite');
    const r = await bitext(['tm', 'import', join(dir, 'x.csv'), '--memory', memory]);
    expect([r.code, r.stderr]).toEqual([2, `bitext: ${join(dir, 'x.csv')}:2:1: not a TMX file: it starts with text ("not,a,tmx"), where a TMX file starts with XML markup (<?xml …?> or <tmx>)\n`]);
    expect(existsSync(join(dir, 'new'))).toBe(false);
  });

  it('an undecodable binary file and XML errors before <tmx> say "not a TMX file" too', () => {
    const dir = fixture({ 'b.tmx': Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x3c]), 'c.tmx': '<?xml version="1.0"?>\n<!-- x -- y -->\n' });
    const m = openMemory(':memory:');
    expect(() => importTmx(m, join(dir, 'b.tmx'))).toThrow(/b\.tmx:1:\d+: not a TMX file: invalid utf-8 byte sequence at byte 0$/);
    expect(() => importTmx(m, join(dir, 'c.tmx'))).toThrow(/c\.tmx:2:\d+: not a TMX file \(/);
    writeFileSync(join(dir, 'd.tmx'), '<?xml version="1.0"?>\n<tmx version="1.4"><body><tu></body></tmx>\n');
    // inside <tmx> the parser's wording stays: the file is TMX, only broken
    expect(() => importTmx(m, join(dir, 'd.tmx'))).toThrow(/d\.tmx:2:\d+: (?!not a TMX)/);
    closeMemory(m);
  });
});
