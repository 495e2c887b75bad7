import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { parse } from 'parse5';
import Database from 'better-sqlite3';
import { bitext, type CliResult } from './helpers/cli.ts';
import { fixture } from './helpers/fixtures.ts';
import { ROOT, SHARED } from './helpers/paths.ts';

const GOLD = join(SHARED, 'corpus/zhongnanhai/gold.paragraphs.align');

function unitCount(file: string): number {
  const db = new Database(file, { fileMustExist: true });
  try {
    const tables = db.prepare("select name from sqlite_master where type='table'").all() as { name: string }[];
    const name = tables.map((t) => t.name).find((n) => /unit/i.test(n));
    if (!name) throw new Error(`no unit table in ${file}: ${tables.map((t) => t.name)}`);
    return (db.prepare(`select count(*) n from "${name}"`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function attrs(html: string, lang: string): string[] {
  const found: string[] = [];
  const walk = (node: any) => {
    const value = node.attrs?.find((a: any) => a.name === 'lang')?.value;
    if (value !== undefined && node.nodeName !== 'html') found.push(value);
    for (const child of node.childNodes ?? []) walk(child);
    if (node.content) walk(node.content);
  };
  walk(parse(html));
  return found.filter((v) => v === lang);
}

describe('build: the real article pair end to end', () => {
  const out = fixture();
  let first: CliResult;
  beforeAll(async () => {
    first = await bitext(['build', join(ROOT, 'source'), out]);
  });

  it('exits 0 and writes every output file', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    for (const f of ['index.html', 'memory.sqlite', 'zhongnanhai/index.html', 'zhongnanhai/alignment.json', 'zhongnanhai/alignment.align', 'zhongnanhai/memory.tmx']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
  });

  it('reproduces the gold block alignment line for line', () => {
    const gold = readFileSync(GOLD, 'utf8').trim().split('\n');
    expect(readFileSync(join(out, 'zhongnanhai/alignment.align'), 'utf8').trim().split('\n')).toEqual(gold);
  });

  it('writes alignment.json with blocks, links and sentence links', () => {
    const json = JSON.parse(readFileSync(join(out, 'zhongnanhai/alignment.json'), 'utf8'));
    expect(json.sourceLang).toBe('zh-Hans');
    expect(json.targetLang).toBe('en');
    expect(json.blocks['zh-Hans']).toHaveLength(20);
    expect(json.blocks.en).toHaveLength(19);
    expect(json.links).toHaveLength(19);
    expect(json.links[6]).toMatchObject({ source: [6], target: [6, 7] });
    expect(json.links[11]).toMatchObject({ source: [11], target: [] });
    for (const link of json.links) {
      expect(link.score).toBeGreaterThanOrEqual(0);
      expect(link.score).toBeLessThanOrEqual(1);
      const zh = link.segments.flatMap((s: any) => s.source);
      const zhWanted = json.segments['zh-Hans'].filter((s: any) => link.source.includes(s.block)).map((s: any) => s.index);
      expect(zh).toEqual(zhWanted);
    }
  });

  it('writes TMX that a strict XML parser accepts', () => {
    const xml = readFileSync(join(out, 'zhongnanhai/memory.tmx'), 'utf8');
    const parser = new SaxesParser({ xmlns: false });
    let tus = 0;
    let version = '';
    parser.on('opentag', (tag) => {
      if (tag.name === 'tu') tus++;
      if (tag.name === 'tmx') version = String(tag.attributes.version);
    });
    parser.write(xml).close();
    expect(version).toBe('1.4');
    expect(tus).toBeGreaterThanOrEqual(18); // 18 block links have both sides, plus sentence links
    expect(xml).toContain('中南海的不眠之夜：北京或面临最坏噩梦');
  });

  it('writes an edition whose cells carry the document languages (FR-14)', () => {
    const html = readFileSync(join(out, 'zhongnanhai/index.html'), 'utf8');
    expect(html).toMatch(/<html[^>]*\blang="en"/);
    expect(html).toMatch(/<meta charset="utf-8"/i);
    expect(attrs(html, 'zh-Hans').length).toBeGreaterThanOrEqual(19);
    expect(attrs(html, 'en').length).toBeGreaterThanOrEqual(19);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain('zhongnanhai/index.html');
  });

  it('adds no translation units when the same pair is built again', async () => {
    const before = unitCount(join(out, 'memory.sqlite'));
    expect(before).toBeGreaterThan(18);
    const second = await bitext(['build', join(ROOT, 'source'), out]);
    expect(second.code).toBe(0);
    expect(unitCount(join(out, 'memory.sqlite'))).toBe(before);
  });
});

describe('build: bad input stops with one line, exit 2, nothing written', () => {
  const setup = (files: Record<string, string | Buffer>) => fixture(Object.fromEntries(Object.entries(files).map(([name, content]) => [join('src', name), content])));
  const cases: [string, Record<string, string | Buffer>, RegExp][] = [
    ['a folder without its English counterpart', { 'a/zh.md': '# 标题\n\n正文。\n' }, /src\/a: no English target file/],
    ['an empty English file', { 'a/zh.md': '# 标题\n\n正文。\n', 'a/en.md': '' }, /src\/a\/en\.md: file is empty/],
    ['a binary file', { 'a/zh.md': '# 标题\n\n正文。\n', 'a/en.md': Buffer.from([0x23, 0x20, 0x41, 0x0a, 0x00, 0x01]) }, /src\/a\/en\.md:2: binary file/],
    ['invalid UTF-8', { 'a/zh.md': Buffer.from([0xe4, 0xb8, 0x0a]), 'a/en.md': '# Title\n' }, /src\/a\/zh\.md:1: invalid UTF-8/],
    ['an English zh.md', { 'a/zh.md': '# Title\n\nEnglish.\n', 'a/en.md': '# Title\n\nEnglish.\n' }, /src\/a\/zh\.md:1: the file name says Chinese but it holds English text/],
  ];
  for (const [what, files, message] of cases) {
    it(`refuses ${what}`, async () => {
      const root = setup({ 'good/zh.md': '# 标题\n\n正文。\n', 'good/en.md': '# Title\n\nText.\n', ...files });
      const result = await bitext(['build', join(root, 'src'), join(root, 'out')]);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
      expect(existsSync(join(root, 'out'))).toBe(false);
    });
  }
  it('refuses a missing source folder', async () => {
    const result = await bitext(['build', '/nonexistent/source', join(fixture(), 'never')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('/nonexistent/source: no such folder');
  });
  it('answers bad usage with exit 2 and --help with exit 0', async () => {
    expect((await bitext(['build', '--no-such-flag'])).code).toBe(2);
    expect((await bitext(['frobnicate'])).code).toBe(2);
    const help = await bitext(['build', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--memory');
  });
});
