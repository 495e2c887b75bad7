/**
 * TMX interchange: the 13 sample files of ../shared/tmx-samples (counts from a hand check of each
 * file), FR-09 encodings, unsafe DTDs, broken files, export validity and round trip.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { addUnits, closeMemory, exportTmx, exportWarning, importTmx, iterateUnits, lookup, memoryStats, openMemory, writeTmx, type TmxImportOptions } from '../pipeline/memory/index.ts';
import type { TranslationUnit } from '../pipeline/types.ts';
import { fieldReport } from './helpers/field-reports.ts';
import { bitext as runCli } from './helpers/cli.ts';
import { fixture as tempDir } from './helpers/fixtures.ts';
import { SHARED } from './helpers/paths.ts';

const SAMPLES = join(SHARED, 'tmx-samples');

/** Hand check of each sample: `<tu>` count, then units and skipped `<tu>` with the languages given. */
const SAMPLE_COUNTS: { file: string; tus: number; options: TmxImportOptions; added: number; skipped: number }[] = [
  { file: 'lisa-ImportTest1A_utf16le-whitespace.tmx', tus: 2, options: { sourceLang: 'en', targetLang: 'fr' }, added: 2, skipped: 0 },
  { file: 'lisa-ImportTest1B_mixedcase-lang-quotes.tmx', tus: 1, options: { sourceLang: 'en', targetLang: 'fr' }, added: 1, skipped: 0 },
  { file: 'lisa-ImportTest1G_utf16be.tmx', tus: 3, options: { sourceLang: 'en-US', targetLang: 'en-GB' }, added: 3, skipped: 0 },
  { file: 'lisa-ImportTest1I_ideographic-space.tmx', tus: 1, options: { sourceLang: 'en', targetLang: 'ja' }, added: 1, skipped: 0 },
  // tu 1 is de-de/en-gb, tu 2 en-gb/fr-ca (no German)
  { file: 'lisa-ImportTest1K_tu-srclang.tmx', tus: 2, options: { sourceLang: 'de', targetLang: 'en' }, added: 1, skipped: 1 },
  // one tu with en-us, fr, en-gb: en-us (srclang) → fr
  { file: 'lisa-ImportTest1L_bom-comments-ude.tmx', tus: 1, options: { sourceLang: 'en', targetLang: 'fr' }, added: 1, skipped: 0 },
  { file: 'lisa-ImportTest2A_bpt-ept-reordered.tmx', tus: 7, options: { sourceLang: 'en', targetLang: 'fr' }, added: 7, skipped: 0 },
  // a single tu with only an English variant
  { file: 'okapi-confusion_sdlxliff-selfclosing-bpt.tmx', tus: 1, options: { sourceLang: 'en', targetLang: 'fr' }, added: 0, skipped: 1 },
  { file: 'okapi-html_test_trados-tw4win-utf16.tmx', tus: 11, options: { sourceLang: 'en', targetLang: 'fr' }, added: 11, skipped: 0 },
  // tu 0001 en-us/FR-CA; tu 0002 en-us with FR-CA and FR-FR: two targets
  { file: 'okapi-sampleTMX2_usagecount-note-prop.tmx', tus: 2, options: { sourceLang: 'en', targetLang: 'fr' }, added: 3, skipped: 0 },
  // zh-CN → ja-JP (no --src: Chinese)
  { file: 'omegat-project_save_zhCN-jaJP.tmx', tus: 1, options: { targetLang: 'ja' }, added: 1, skipped: 0 },
  { file: 'omegat-test-SMP_tmx11-lang-astral.tmx', tus: 1, options: { sourceLang: 'en', targetLang: 'be' }, added: 1, skipped: 0 },
  { file: 'omegat-test-level2_ph-it-emptybpt.tmx', tus: 4, options: { sourceLang: 'en', targetLang: 'be' }, added: 4, skipped: 0 },
];

function importSample(file: string, options: TmxImportOptions = {}) {
  const m = openMemory(':memory:');
  const result = importTmx(m, join(SAMPLES, file), options);
  const units = [...iterateUnits(m)];
  closeMemory(m);
  return { result, units };
}

function wellFormed(xml: string): void {
  const parser = new SaxesParser();
  parser.write(xml).close();
}

describe('the 13 sample files', () => {
  it('covers every file in ../shared/tmx-samples', async () => {
    const { readdirSync } = await import('node:fs');
    expect(SAMPLE_COUNTS.map((s) => s.file).sort()).toEqual(readdirSync(SAMPLES).filter((f) => f.endsWith('.tmx')).sort());
  });

  for (const sample of SAMPLE_COUNTS) {
    it(`${sample.file}: ${sample.added} units, ${sample.skipped} skipped`, () => {
      const { result } = importSample(sample.file, sample.options);
      expect(result).toMatchObject({ tus: sample.tus, added: sample.added, existing: 0, skipped: sample.skipped });
    });
  }

  it('by default only Chinese–English units are taken: none of the samples has both', () => {
    for (const sample of SAMPLE_COUNTS) {
      const { result } = importSample(sample.file);
      expect(result).toMatchObject({ tus: sample.tus, added: 0, skipped: sample.tus });
    }
  });

  it('UTF-16LE: tab and space character references survive', () => {
    const { units } = importSample('lisa-ImportTest1A_utf16le-whitespace.tmx', { sourceLang: 'en', targetLang: 'fr' });
    expect(units.map((u) => [u.source, u.target, u.sourceLang, u.targetLang])).toEqual([
      ['First segment with [\t\t   ]', 'Premier segment avec [\t\t   ]', 'en-US', 'fr-CA'],
      ['Second segment with [  \t\t]', 'Second segment avec [  \t\t]', 'en-US', 'fr-CA'],
    ]);
  });

  it('UTF-16BE: character references and literal characters agree', () => {
    const { units } = importSample('lisa-ImportTest1G_utf16be.tmx', { sourceLang: 'en-US', targetLang: 'en-GB' });
    expect(units.map((u) => u.source)).toEqual(['à=agrave, é=eacute, æ=aelig', 'ÿ=U+00FF, ™=U+2122, ’=U+2019', '“=U+201C, –=U+2013, ¤=U+00A4']);
    for (const u of units) expect(u.target).toBe(u.source);
  });

  it('odd-case tags and single quotes; tags stored in canonical case', () => {
    const { units } = importSample('lisa-ImportTest1B_mixedcase-lang-quotes.tmx', { sourceLang: 'EN', targetLang: 'fr-ca' });
    expect(units.map((u) => [u.source, u.target, u.sourceLang, u.targetLang])).toEqual([['Text of the segment', 'Texte du segment', 'en-US', 'fr-CA']]);
  });

  it('U+3000 is not trimmed', () => {
    const { units } = importSample('lisa-ImportTest1I_ideographic-space.tmx', { sourceLang: 'en', targetLang: 'ja' });
    expect(units[0].target).toBe('Japanese segment with [\u3000\u3000]');
    expect(units[0].source).toBe('English segment with [    ]');
  });

  it('BOM, comments, ude, notes; dates, usage count and tool read from the tu', () => {
    const { units } = importSample('lisa-ImportTest1L_bom-comments-ude.tmx', { sourceLang: 'en', targetLang: 'fr' });
    expect(units).toHaveLength(1);
    expect(units[0]).toMatchObject({ source: 'Text of the segment.', target: 'Texte du segment.', sourceLang: 'en-US', targetLang: 'fr', created: '2002-05-23T09:12:00Z', changed: '2002-05-23T09:12:00Z', usage: 100, creationTool: 'myTool' });
    // French to English: en-us and en-gb are two targets
    const reverse = importSample('lisa-ImportTest1L_bom-comments-ude.tmx', { sourceLang: 'fr', targetLang: 'en' });
    expect(reverse.units.map((u) => u.targetLang)).toEqual(['en-US', 'en-GB']);
  });

  it('inline codes: placeholders dropped from the text, kept for export; hi text kept; order by language', () => {
    const { units } = importSample('lisa-ImportTest2A_bpt-ept-reordered.tmx', { sourceLang: 'en', targetLang: 'fr' });
    expect(units[0].source).toBe('The big black cat sleeps.');
    expect(units[0].target).toBe('Le gros chat noir dors.');
    expect(units[0].sourceMarkup).toBe('The big <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>black<ept i="1">&lt;/b&gt;</ept> <bpt i="2" x="2" type="ulined">&lt;u&gt;</bpt>cat<ept i="2">&lt;/u&gt;</ept> sleeps.');
    expect(units[1].source).toBe('Test for special characters = <=lt, >=gt, &=amp, "=quot.');
    expect(units[5].source).toBe('Picture: ');
    // the last tu lists fr-ca first: variants are chosen by language, not position
    expect(units[6]).toMatchObject({ source: 'Some text with a part highlighted.', target: 'Du texte avec une portion délimitée.', sourceLang: 'en-US', targetLang: 'fr-CA' });
  });

  it('Trados export: double-escaped markup stays literal text', () => {
    const { units } = importSample('okapi-html_test_trados-tw4win-utf16.tmx', { sourceLang: 'en', targetLang: 'fr' });
    expect(units[0].source).toBe('start &lt; of &lt; body text');
    expect(units[6].source).toBe('This isa paragraph with line breaks');
    expect(units[0].created).toBe('2008-12-03T05:38:17Z');
  });

  it('usagecount and tuv dates; srclang="*all*"', () => {
    const { units } = importSample('okapi-sampleTMX2_usagecount-note-prop.tmx', { sourceLang: 'en', targetLang: 'fr' });
    expect(units.map((u) => [u.source, u.target, u.targetLang, u.usage])).toEqual([
      ['data (with a non-standard character: \uF8FF).', 'données (avec un caractère non standard: \uF8FF).', 'fr-CA', 2],
      ['menu', 'menu', 'fr-CA', 0],
      ['menu', 'menu', 'fr-FR', 0],
    ]);
    expect(units[0].created).toBe('1997-02-12T15:34:00Z'); // from the source tuv
  });

  it('OmegaT project memory: TMX 1.1 lang=, Chinese source, original tag kept', () => {
    const { units } = importSample('omegat-project_save_zhCN-jaJP.tmx', { targetLang: 'ja' });
    expect(units.map((u) => [u.source, u.target, u.sourceLang, u.targetLang])).toEqual([['太平寺中的文笔塔', '太平寺の中心的なペン塔', 'zh-CN', 'ja-JP']]);
  });

  it('characters outside the BMP survive import and export', () => {
    const dir = tempDir();
    const m = openMemory(':memory:');
    importTmx(m, join(SAMPLES, 'omegat-test-SMP_tmx11-lang-astral.tmx'), { sourceLang: 'en', targetLang: 'be' });
    expect([...iterateUnits(m)].map((u) => [u.source, u.target])).toEqual([['𝐀𝐁𝐂', '𝐃𝐄𝐅']]);
    exportTmx(m, join(dir, 'out.tmx'));
    expect(readFileSync(join(dir, 'out.tmx'), 'utf8')).toContain('<seg>𝐀𝐁𝐂</seg>');
    closeMemory(m);
  });

  it('ph, it, empty self-closed bpt', () => {
    const { units } = importSample('omegat-test-level2_ph-it-emptybpt.tmx', { sourceLang: 'en', targetLang: 'be' });
    expect(units.map((u) => u.source)).toEqual(['entuv', 'First part  end.', '2  zz xx', '3 xx']);
    expect(units[3].sourceMarkup).toBe('3 <bpt i="5" type="n"/>xx<ept i="5">&lt;/z&gt;</ept>');
  });

  it('every sample: export → import → export gives the same bytes, and the export is well-formed', () => {
    const dir = tempDir();
    for (const sample of SAMPLE_COUNTS) {
      const a = openMemory(':memory:');
      importTmx(a, join(SAMPLES, sample.file), sample.options);
      exportTmx(a, join(dir, 'a.tmx'));
      const b = openMemory(':memory:');
      importTmx(b, join(dir, 'a.tmx'), sample.options);
      exportTmx(b, join(dir, 'b.tmx'));
      const first = readFileSync(join(dir, 'a.tmx'));
      expect(readFileSync(join(dir, 'b.tmx')).equals(first), sample.file).toBe(true);
      wellFormed(first.toString('utf8'));
      closeMemory(a);
      closeMemory(b);
    }
  });
});

describe('FR-09: UTF-16LE, UTF-16BE and UTF-8 with BOM', () => {
  const tmx = fieldReport('FR-09').tmx as string;
  const le = Buffer.from('\uFEFF' + tmx, 'utf16le');
  const be = Buffer.from(le).swap16();
  const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(tmx.replace('encoding="UTF-16"', 'encoding="UTF-8"'), 'utf8')]);

  for (const [name, bytes] of [['utf16le', le], ['utf16be', be], ['utf8', utf8]] as const) {
    it(`${name}: 2 units zh-CN → en-US, no BOM or NUL in any segment; export is UTF-8 and re-imports`, () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'in.tmx'), bytes);
      const m = openMemory(':memory:');
      expect(importTmx(m, join(dir, 'in.tmx'))).toMatchObject({ tus: 2, added: 2, skipped: 0 });
      const units = [...iterateUnits(m)];
      expect(units.map((u) => [u.source, u.target, u.sourceLang, u.targetLang])).toEqual([
        ['请保存文件。', 'Please save the file.', 'zh-CN', 'en-US'],
        ['文件已关闭。', 'The file is closed.', 'zh-CN', 'en-US'],
      ]);
      for (const u of units) expect(u.source + u.target).not.toMatch(/[\uFEFF\u0000]/);
      exportTmx(m, join(dir, 'out.tmx'));
      const out = readFileSync(join(dir, 'out.tmx'));
      expect(out.subarray(0, 38).toString('latin1')).toBe('<?xml version="1.0" encoding="UTF-8"?>');
      expect(new TextDecoder('utf-8', { fatal: true }).decode(out)).toContain('请保存文件。');
      const again = openMemory(':memory:');
      expect(importTmx(again, join(dir, 'out.tmx'))).toMatchObject({ tus: 2, added: 2 });
      expect([...iterateUnits(again)].map((u) => [u.source, u.target, u.sourceLang, u.targetLang])).toEqual(units.map((u) => [u.source, u.target, u.sourceLang, u.targetLang]));
      closeMemory(m);
      closeMemory(again);
    });
  }
});

describe('unsafe and broken files leave the TM unchanged', () => {
  const header = '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" datatype="plaintext"/>';
  const setup = () => {
    const m = openMemory(':memory:');
    addUnits(m, [{ source: '请稍候。', target: 'Please wait.', sourceLang: 'zh-CN', targetLang: 'en', origin: null, score: null, created: '2026-01-01T00:00:00Z', changed: '2026-01-01T00:00:00Z', usage: 0 }]);
    return m;
  };

  it('an entity-expansion bomb is refused with a clear error', () => {
    const dir = tempDir();
    const levels = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    const file = join(dir, 'bomb.tmx');
    writeFileSync(file, `<?xml version="1.0"?>\n<!DOCTYPE tmx [\n${levels.join('\n')}\n]>\n<tmx version="1.4">${header}<body>\n<tu><tuv xml:lang="zh-CN"><seg>&lol9;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>\n`);
    const m = setup();
    expect(() => importTmx(m, file)).toThrow(/bomb\.tmx:\d+:\d+: the DTD declares entities/);
    expect(() => importTmx(m, file)).toThrow(expect.objectContaining({ exitCode: 2 }));
    expect(memoryStats(m).units).toBe(1);
    closeMemory(m);
  });

  it('an external entity is refused and never read', () => {
    const dir = tempDir();
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'SECRET');
    const file = join(dir, 'xxe.tmx');
    writeFileSync(file, `<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file://${secret}">]>\n<tmx version="1.4">${header}<body><tu><tuv xml:lang="zh-CN"><seg>&xxe;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>\n`);
    const m = setup();
    expect(() => importTmx(m, file)).toThrow(/xxe\.tmx:2:\d+: the DTD declares entities/);
    expect(memoryStats(m).units).toBe(1);
    closeMemory(m);
  });

  it('a file broken after good units: error with line and column, nothing imported', () => {
    const dir = tempDir();
    const file = join(dir, 'broken.tmx');
    writeFileSync(file, `<?xml version="1.0"?>\n<tmx version="1.4">${header}<body>\n<tu><tuv xml:lang="zh-CN"><seg>一</seg></tuv><tuv xml:lang="en"><seg>One</seg></tuv></tu>\n<tu><tuv xml:lang="zh-CN"><seg>二</seg></tuv><tuv xml:lang="en"><seg>Two</tuv></tu>\n</body></tmx>\n`);
    const m = setup();
    expect(() => importTmx(m, file)).toThrow(/broken\.tmx:4:\d+: /);
    expect(memoryStats(m).units).toBe(1);
    expect(lookup(m, '一')).toEqual([]);
    closeMemory(m);
  });

  it('not TMX, missing, empty: BitextError exit 2 naming the file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.xml'), '<?xml version="1.0"?>\n<html/>\n');
    writeFileSync(join(dir, 'empty.tmx'), '');
    const m = openMemory(':memory:');
    expect(() => importTmx(m, join(dir, 'a.xml'))).toThrow(/a\.xml:2:\d+: not a TMX file/);
    expect(() => importTmx(m, join(dir, 'none.tmx'))).toThrow(/none\.tmx: no such file/);
    expect(() => importTmx(m, join(dir, 'empty.tmx'))).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringContaining('empty.tmx') }));
    closeMemory(m);
  });
});

describe('export', () => {
  const unit = (source: string, target: string, extra: Partial<TranslationUnit> = {}): TranslationUnit => ({
    source, target, sourceLang: 'zh-Hans', targetLang: 'en', origin: { doc: 'demo', link: 'b1s0' }, score: 0.875, created: '2026-03-04T05:06:07Z', changed: '2026-03-04T05:06:07Z', usage: 3, creationTool: 'Bitext', ...extra,
  });

  it('a 1.4b header with every required attribute, escaped & and <, TMX dates, origin props', () => {
    const dir = tempDir();
    const file = join(dir, 'x.tmx');
    writeTmx([unit('甲&乙<丙>', 'A & B < C'), unit('第一段。', 'First paragraph.', { origin: { doc: 'demo', link: 'b2' } })], file);
    const xml = readFileSync(file, 'utf8');
    wellFormed(xml);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')).toBe(true);
    const headerTag = /<header [^>]*\/>/.exec(xml)![0];
    for (const name of ['creationtool', 'creationtoolversion', 'segtype', 'o-tmf', 'adminlang', 'srclang', 'datatype']) expect(headerTag).toMatch(new RegExp(` ${name}="[^"]+"`));
    expect(headerTag).toContain('srclang="zh-Hans"');
    expect(xml).toContain('<seg>甲&amp;乙&lt;丙&gt;</seg>');
    expect(xml).toContain('<seg>A &amp; B &lt; C</seg>');
    expect(xml).toContain('creationdate="20260304T050607Z"');
    expect(xml).toContain('<prop type="x-origin-link">b1s0</prop>');
    expect(xml).toContain('usagecount="3"');
    expect(xml).toMatch(/<tu [^>]*segtype="paragraph"[^>]*>\n {6}<prop type="x-origin-doc">demo<\/prop>\n {6}<prop type="x-origin-link">b2</);
    const m = openMemory(':memory:');
    importTmx(m, file);
    expect([...iterateUnits(m)].map((u) => [u.source, u.target, u.origin, u.score, u.usage])).toEqual([
      ['甲&乙<丙>', 'A & B < C', { doc: 'demo', link: 'b1s0' }, 0.875, 3],
      ['第一段。', 'First paragraph.', { doc: 'demo', link: 'b2' }, 0.875, 3],
    ]);
    closeMemory(m);
  });

  it('--src/--tgt/--doc filter, turning units stored the other way round', () => {
    const dir = tempDir();
    const m = openMemory(':memory:');
    addUnits(m, [unit('一', 'One'), unit('Two', '二', { sourceLang: 'en', targetLang: 'zh-CN', origin: null }), unit('三', 'Trois', { targetLang: 'fr', origin: { doc: 'other', link: 'b0' } })]);
    expect(exportTmx(m, join(dir, 'a.tmx'), { sourceLang: 'zh', targetLang: 'en' })).toBe(2);
    const xml = readFileSync(join(dir, 'a.tmx'), 'utf8');
    expect(xml).toContain('<tuv xml:lang="zh-CN"><seg>二</seg></tuv>\n      <tuv xml:lang="en"><seg>Two</seg></tuv>');
    expect(exportTmx(m, join(dir, 'b.tmx'), { doc: 'other' })).toBe(1);
    closeMemory(m);
  });

  it('an export that matches no unit returns 0, writes a valid empty TMX and gets a warning naming why', () => {
    const dir = tempDir();
    const m = openMemory(':memory:');
    expect(exportWarning(m, {}, 0)).toBe('the translation memory is empty: wrote a TMX file with no units');
    addUnits(m, [unit('一', 'One'), unit('三', 'Three', { origin: { doc: 'other', link: 'b0' } }), unit('二', 'Two', { origin: null })]);
    expect(exportTmx(m, join(dir, 'none.tmx'), { doc: 'nosuch' })).toBe(0);
    const xml = readFileSync(join(dir, 'none.tmx'), 'utf8');
    expect(xml).toContain('<body>\n  </body>');
    expect(() => new SaxesParser({ xmlns: false }).write(xml).close()).not.toThrow();
    expect(exportWarning(m, { doc: 'nosuch' }, 0)).toBe('no units from document "nosuch" (documents in this memory: "demo", "other"): wrote a TMX file with no units');
    expect(exportTmx(m, join(dir, 'fr.tmx'), { doc: 'demo', targetLang: 'fr' })).toBe(0);
    expect(exportWarning(m, { doc: 'demo', targetLang: 'fr' }, 0)).toBe('no units from document "demo" in any language → fr: wrote a TMX file with no units');
    expect(exportWarning(m, { doc: 'demo' }, 1)).toBeNull();
    closeMemory(m);
  });

  it('tm export --doc with no units: exit 0, warning on stderr', async () => {
    const dir = tempDir();
    const path = join(dir, 'tm.sqlite');
    const m = openMemory(path);
    addUnits(m, [unit('一', 'One')]);
    closeMemory(m);
    const run = await runCli(['tm', 'export', join(dir, 'out.tmx'), '--doc', 'nosuch', '--memory', path]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: no units from document "nosuch" (documents in this memory: "demo")');
    expect(run.stdout).toContain('0 units written');
  });
});

describe('writeTmx of a bitext', () => {
  it('writes an identical pair once (a block link equal to its only sentence link)', () => {
    const dir = tempDir();
    const base = { sourceLang: 'zh-Hans', targetLang: 'en', score: 1, created: '2026-01-01T00:00:00Z', changed: '2026-01-01T00:00:00Z', usage: 0 };
    const n = writeTmx([
      { ...base, source: '标题', target: 'Title', origin: { doc: 'd', link: 'b0' } },
      { ...base, source: '标题', target: 'Title', origin: { doc: 'd', link: 'b0s0' } },
      { ...base, source: '正文。', target: 'Text.', origin: { doc: 'd', link: 'b1s0' } },
    ], join(dir, 'm.tmx'));
    expect(n).toBe(2);
    const xml = readFileSync(join(dir, 'm.tmx'), 'utf8');
    expect(xml.match(/<tu /g)).toHaveLength(2);
    expect(xml).toContain('<prop type="x-origin-link">b0</prop>');
    expect(xml).not.toContain('<prop type="x-origin-link">b0s0</prop>');
  });
});

describe('encodings and directions', () => {
  const tmx = (srclang: string) => `<?xml version="1.0" encoding="UTF-16"?>
<tmx version="1.4">
<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" ${srclang} datatype="plaintext"/>
<body>
<tu><tuv xml:lang="en-US"><seg>Please wait.</seg></tuv><tuv xml:lang="zh-CN"><seg>请稍候。</seg></tuv></tu>
<tu srclang="en-US"><tuv xml:lang="en-US"><seg>Saved.</seg></tuv><tuv xml:lang="zh-CN"><seg>已保存。</seg></tuv></tu>
</body>
</tmx>
`;
  it('UTF-16LE and UTF-16BE without a byte-order mark', () => {
    const dir = tempDir();
    const le = Buffer.from(tmx('srclang="zh-CN"'), 'utf16le');
    writeFileSync(join(dir, 'le.tmx'), le);
    writeFileSync(join(dir, 'be.tmx'), Buffer.from(le).swap16());
    for (const name of ['le.tmx', 'be.tmx']) {
      const m = openMemory(':memory:');
      expect(importTmx(m, join(dir, name))).toMatchObject({ tus: 2, added: 2 });
      expect([...iterateUnits(m)].map((u) => u.source)).toEqual(['请稍候。', 'Saved.']);
      closeMemory(m);
    }
  });

  it('the direction follows srclang of the tu, else the header; *all* or none means Chinese first', () => {
    const dir = tempDir();
    const cases: [string, string[]][] = [
      ['srclang="zh-CN"', ['zh-CN', 'en-US']], // tu 1 from the header, tu 2 its own en-US
      ['srclang="en-us"', ['en-US', 'en-US']],
      ['srclang="*all*"', ['zh-CN', 'en-US']],
      ['', ['zh-CN', 'en-US']],
    ];
    for (const [attr, sourceLangs] of cases) {
      writeFileSync(join(dir, 'd.tmx'), tmx(attr).replace('encoding="UTF-16"', 'encoding="UTF-8"'));
      const m = openMemory(':memory:');
      importTmx(m, join(dir, 'd.tmx'));
      expect([...iterateUnits(m)].map((u) => u.sourceLang), attr).toEqual(sourceLangs);
      closeMemory(m);
    }
  });

  it('an invalid UTF-8 byte is reported at its line and column', () => {
    const dir = tempDir();
    const text = tmx('srclang="zh-CN"').replace('encoding="UTF-16"', 'encoding="UTF-8"');
    const bytes = Buffer.from(text, 'utf8');
    const at = bytes.indexOf(Buffer.from('Saved'));
    bytes[at + 2] = 0xff; // "Sa\xFFed." on line 6
    writeFileSync(join(dir, 'bad.tmx'), bytes);
    const m = openMemory(':memory:');
    expect(() => importTmx(m, join(dir, 'bad.tmx'))).toThrow(/bad\.tmx:6:\d+: invalid utf-8 byte sequence at byte \d+/);
    expect(memoryStats(m).units).toBe(0);
    closeMemory(m);
  });
});

describe('atomic export', () => {
  it('a failing export leaves the old file as it was and no temporary file', async () => {
    const { readdirSync } = await import('node:fs');
    const dir = tempDir();
    const file = join(dir, 'x.tmx');
    writeFileSync(file, 'old');
    const good = { source: '一', target: 'One', sourceLang: 'zh-Hans', targetLang: 'en', origin: null, score: null, created: '2026-01-01T00:00:00Z', changed: '2026-01-01T00:00:00Z', usage: 0 };
    expect(() => writeTmx([good, { ...good, source: '二', created: 'yesterday' }], file)).toThrow(/not a date/);
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['x.tmx']);
  });
});

describe('round trip of units made by Bitext', () => {
  it('export → import → export gives the same bytes for units without tool or origin', () => {
    const dir = tempDir();
    const a = openMemory(':memory:');
    addUnits(a, [
      { source: '请稍候。', target: 'Please wait.', sourceLang: 'zh-CN', targetLang: 'en', origin: null, score: null, created: '2026-01-01T00:00:00Z', changed: '2026-01-02T00:00:00Z', usage: 0 },
      { source: '甲\t乙\n丙 𠮷', target: 'A\tB\nC &amp; <D>', sourceLang: 'zh-Hans', targetLang: 'en-GB', origin: { doc: 'd', link: 'b3s1' }, score: 0.5, created: '2026-01-01T00:00:00Z', changed: '2026-01-01T00:00:00Z', usage: 7, creationTool: 'X', changeTool: 'Y' },
    ]);
    exportTmx(a, join(dir, '1.tmx'));
    const b = openMemory(':memory:');
    importTmx(b, join(dir, '1.tmx'), { sourceLang: 'zh', targetLang: 'en' });
    exportTmx(b, join(dir, '2.tmx'));
    expect(readFileSync(join(dir, '2.tmx'), 'utf8')).toBe(readFileSync(join(dir, '1.tmx'), 'utf8'));
    expect([...iterateUnits(b)].map((u) => [u.source, u.target, u.changeTool])).toEqual([['请稍候。', 'Please wait.', 'Bitext'], ['甲\t乙\n丙 𠮷', 'A\tB\nC &amp; <D>', 'Y']]);
    closeMemory(a);
    closeMemory(b);
  });
});
