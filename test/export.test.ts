import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { bitextFromAlignmentJson, loadBitext } from '../pipeline/align/index.ts';
import { EXPORT_COLUMNS, XLSX_SHEET, exportRows, toTsv, toXliff, toXlsx } from '../pipeline/export/index.ts';
import type { Bitext } from '../pipeline/types.ts';
import { bitext as runBitext } from './helpers/cli.ts';
import { fixture } from './helpers/fixtures.ts';
import { ROOT } from './helpers/paths.ts';

/**
 * A hand-made alignment: block link 0 is 1-1 with two 1-1 sentence links, 1 is 1-0 (a Chinese
 * paragraph left untranslated), 2 is 1-1 and corrected by an editor, 3 is 0-1 (English only).
 * English sentence 2 holds a tab and a backslash (the TSV escapes).
 */
function handMade(): Bitext {
  const bitext = bitextFromAlignmentJson(
    {
      doc: 'demo',
      sourceLang: 'zh-Hans',
      targetLang: 'en',
      blocks: {
        'zh-Hans': [{ text: '你好。世界很大。' }, { text: '这一段没有翻译。' }, { text: '谢谢。' }],
        en: [{ text: 'Hello. The world is big.' }, { text: 'Thanks.\tC:\\tmp' }, { text: 'An added line.' }],
      },
      segments: {
        'zh-Hans': [{ block: 0, text: '你好。' }, { block: 0, text: '世界很大。' }, { block: 1, text: '这一段没有翻译。' }, { block: 2, text: '谢谢。' }],
        en: [{ block: 0, text: 'Hello.' }, { block: 0, text: 'The world is big.' }, { block: 1, text: 'Thanks.\tC:\\tmp' }, { block: 2, text: 'An added line.' }],
      },
      links: [
        { source: [0], target: [0], score: 0.8, segments: [{ source: [0], target: [0], score: 0.9 }, { source: [1], target: [1], score: 0.7 }] },
        { source: [1], target: [], score: 0, segments: [{ source: [2], target: [], score: 0 }] },
        { source: [2], target: [1], score: 0.6, segments: [{ source: [3], target: [2], score: 0.6 }] },
        { source: [], target: [2], score: 0, segments: [{ source: [], target: [3], score: 0 }] },
      ],
    },
    'demo/alignment.json',
  );
  bitext.links[2].corrected = true;
  return bitext;
}

describe('export rows', () => {
  it('gives one row per sentence link with its score and the review state of its block link', () => {
    const rows = exportRows(handMade());
    expect(rows.map((r) => [r.link, r.sentence, r.source, r.target, r.score, r.review])).toEqual([
      [0, 0, '你好。', 'Hello.', 0.9, 'ok'],
      [0, 1, '世界很大。', 'The world is big.', 0.7, 'ok'],
      [1, 0, '这一段没有翻译。', '', 0, 'review'],
      [2, 0, '谢谢。', 'Thanks.\tC:\\tmp', 0.6, 'corrected'],
      [3, 0, '', 'An added line.', 0, 'review'],
    ]);
  });
});

describe('export: TSV', () => {
  it('writes a BOM, a header, empty cells for 1-0 and 0-1, and escapes tab and backslash', () => {
    expect(toTsv([handMade()])).toBe(
      '\uFEFFsource\ttarget\tscore\treview\tdoc\tlink\tzh_blocks\ten_blocks\tzh_sentences\ten_sentences\n' +
        '你好。\tHello.\t0.9000\tok\tdemo\tb0s0\t0\t0\t0\t0\n' +
        '世界很大。\tThe world is big.\t0.7000\tok\tdemo\tb0s1\t0\t0\t1\t1\n' +
        '这一段没有翻译。\t\t0.0000\treview\tdemo\tb1s0\t1\t\t2\t\n' +
        '谢谢。\tThanks.\\tC:\\\\tmp\t0.6000\tcorrected\tdemo\tb2s0\t2\t1\t3\t2\n' +
        '\tAn added line.\t0.0000\treview\tdemo\tb3s0\t\t2\t\t3\n',
    );
  });
});

describe('export: XLIFF 1.2', () => {
  it('groups units by block link with state, approval, score notes and empty sides', () => {
    const xliff = toXliff([handMade()]);
    expect(xliff).toContain('<file original="demo" source-language="zh-Hans" target-language="en" datatype="plaintext" tool-id="bitext">');
    expect(xliff.match(/<group id="b\d+">/g)).toEqual(['<group id="b0">', '<group id="b1">', '<group id="b2">', '<group id="b3">']);
    expect(xliff).toContain(
      '<trans-unit id="b0s1" xml:space="preserve">\n          <source>世界很大。</source>\n          <target state="translated">The world is big.</target>\n          <note from="bitext">score 0.7000</note>',
    );
    expect(xliff).toContain('<source>这一段没有翻译。</source>\n          <target state="needs-review-translation"/>');
    expect(xliff).toContain('<trans-unit id="b2s0" approved="yes" xml:space="preserve">\n          <source>谢谢。</source>\n          <target state="signed-off">Thanks.\tC:\\tmp</target>');
    expect(xliff).toContain('<source></source>\n          <target state="needs-review-translation">An added line.</target>');
    expect(xliff).toContain('<note from="bitext" annotates="target">English with no Chinese counterpart</note>');
  });

  it('escapes markup and writes a control character XML 1.0 cannot carry as a space (FR-17)', () => {
    const bitext = handMade();
    bitext.target.segments[0].text = 'a < b & "c"\u0001';
    expect(toXliff([bitext])).toContain('<target state="translated">a &lt; b &amp; "c" </target>');
  });

  it('covers every sentence of the sample pair once, in order', () => {
    const bitext = loadBitext(join(ROOT, 'source/zhongnanhai'));
    const xliff = toXliff([bitext]);
    const texts = (tag: string) => [...xliff.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);
    const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(texts('source').filter((t) => t !== '').map(unescape).join('')).toBe(bitext.source.segments.map((s) => s.text).join(''));
    const targets = [...xliff.matchAll(/<target state="[a-z-]+">([^<]*)<\/target>/g)].map((m) => unescape(m[1]));
    expect(targets.join(' ')).toBe(bitext.target.segments.map((s) => s.text).join(' '));
  });

  // The OASIS XLIFF 1.2 strict schema is third-party text, so it is not in the repository: Debian's
  // php-symfony-translation ships it (with the xml.xsd it imports); .ci/run unpacks it and names
  // the folder in BITEXT_XLIFF_SCHEMAS. Without it (or without xmllint) the test is skipped
  // locally and fails under CI.
  const schemas = process.env.BITEXT_XLIFF_SCHEMAS ?? '/usr/share/php/Symfony/Component/Translation/Resources/schemas';
  const xmllint = spawnSync('xmllint', ['--version']).status === 0;
  const available = xmllint && existsSync(join(schemas, 'xliff-core-1.2-strict.xsd')) && existsSync(join(schemas, 'xml.xsd'));
  it.skipIf(!available && !process.env.CI)('validates against the XLIFF 1.2 strict schema (xmllint)', () => {
    expect(available, `xmllint and ${schemas}/xliff-core-1.2-strict.xsd are needed (libxml2-utils, php-symfony-translation)`).toBe(true);
    const dir = fixture();
    // The schema imports xml.xsd from the web; xmllint runs offline (--nonet), so it is pointed at the copy beside it.
    const xsd = readFileSync(join(schemas, 'xliff-core-1.2-strict.xsd'), 'utf8').replace('schemaLocation="http://www.w3.org/2001/xml.xsd"', `schemaLocation="${join(schemas, 'xml.xsd')}"`);
    writeFileSync(join(dir, 'strict.xsd'), xsd);
    writeFileSync(join(dir, 'demo.xlf'), toXliff([handMade(), loadBitext(join(ROOT, 'source/zhongnanhai'))]));
    execFileSync('xmllint', ['--nonet', '--noout', '--schema', join(dir, 'strict.xsd'), join(dir, 'demo.xlf')], { stdio: 'pipe' });
    // And a document the schema must refuse, so a silently passing validator is noticed.
    writeFileSync(join(dir, 'bad.xlf'), toXliff([handMade()]).replace('state="translated"', 'state="done"'));
    expect(spawnSync('xmllint', ['--nonet', '--noout', '--schema', join(dir, 'strict.xsd'), join(dir, 'bad.xlf')]).status).not.toBe(0);
  });
});

describe('export: XLSX', () => {
  it('reads back with exceljs: header, texts, numeric scores and review states', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx([handMade()])).buffer as ArrayBuffer);
    const sheet = workbook.getWorksheet(XLSX_SHEET)!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1).map((v) => v ?? '');
    expect(values(1)).toEqual([...EXPORT_COLUMNS]);
    expect(values(2)).toEqual(['你好。', 'Hello.', 0.9, 'ok', 'demo', 'b0s0', '0', '0', '0', '0']);
    expect(values(4)).toEqual(['这一段没有翻译。', '', 0, 'review', 'demo', 'b1s0', '1', '', '2', '']);
    expect(values(5)).toEqual(['谢谢。', 'Thanks.\tC:\\tmp', 0.6, 'corrected', 'demo', 'b2s0', '2', '1', '3', '2']);
    expect(sheet.rowCount).toBe(6);
  });
});

describe('bitext export', () => {
  it('prints XLIFF or TSV on stdout and writes XLSX to -o only', async () => {
    const tsv = await runBitext(['export', 'source/zhongnanhai', '--format', 'tsv']);
    expect(tsv.code).toBe(0);
    expect(tsv.stdout.startsWith('\uFEFFsource\ttarget\tscore\treview')).toBe(true);
    const xlsx = await runBitext(['export', 'source/zhongnanhai', '--format', 'xlsx']);
    expect(xlsx.code).toBe(2);
    expect(xlsx.stderr).toBe('bitext: export --format xlsx needs an output file (-o FILE.xlsx)\n');
    const dir = fixture();
    const written = await runBitext(['export', 'source/zhongnanhai', '--format', 'xlsx', '-o', join(dir, 'z.xlsx')]);
    expect(written.code).toBe(0);
    // An XLSX file is a ZIP archive: "PK\x03\x04".
    expect(readFileSync(join(dir, 'z.xlsx')).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    const refused = await runBitext(['export', 'source/zhongnanhai', '--format', 'xliff', '-o', join(ROOT, 'source/zhongnanhai/zh.md')]);
    expect(refused.code).toBe(2);
  });
});
