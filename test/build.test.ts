import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statfsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SaxesParser } from 'saxes';
import { parse } from 'parse5';
import Database from 'better-sqlite3';
import { bitext, DIST_MAIN, type CliResult } from './helpers/cli.ts';
import { fixture, realPair } from './helpers/fixtures.ts';
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

describe('build: every output name checked before the first write', () => {
  const pair = (doc: string) => ({ [`src/${doc}/zh.md`]: '# 标题\n\n正文。\n', [`src/${doc}/en.md`]: '# Title\n\nText.\n' });
  const cases: [string, string, string[], string][] = [
    ['a document folder named index.html', 'index.html', [], 'src/index.html: a document folder named "index.html" would take the place of the list page'],
    ['a document folder named memory.sqlite', 'memory.sqlite', [], 'src/memory.sqlite: a document folder named "memory.sqlite" would take the place of the translation memory'],
    ['a document folder named memory.sqlite-wal', 'memory.sqlite-wal', [], 'a document folder named "memory.sqlite-wal" would take the place of the translation memory'],
    ['a memory that is an output file', 'b', ['--memory', 'out/b/alignment.json'], 'out/b/alignment.json: the translation memory would be overwritten by the output file'],
  ];
  for (const [what, doc, extra, message] of cases) {
    it(`refuses ${what}, writing nothing`, async () => {
      const root = fixture({ ...pair('a'), ...pair(doc) });
      const result = await bitext(['build', 'src', 'out', ...extra], root);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(message);
      expect(existsSync(join(root, 'out'))).toBe(false);
    });
  }
});

/** Every file under `dir` (path → text) but the memory and temporary files; TMX dates blanked (they come from the clock). */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || entry.name.startsWith('memory.sqlite') || entry.name.endsWith('.bitext-tmp')) continue;
    files[relative(dir, path)] = readFileSync(path, 'utf8').replace(/(creation|change)date="\d{8}T\d{6}Z"/g, '$1date=""');
  }
  return files;
}

/** Temporary files left anywhere under `dir`. */
function temporaries(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.bitext-tmp'));
}

const edited = (en: string) => en.replaceAll('Beijing', 'Peking');

describe('build: a killed build leaves the old set or the new one, never a mix', () => {
  const old = fixture(realPair());
  const next = fixture(realPair('zhongnanhai', edited));
  const base = fixture();
  let before: Record<string, string>;
  let after: Record<string, string>;
  let unitsBefore: number;
  let unitsAfter: number;
  beforeAll(async () => {
    expect((await bitext(['build', old, base])).code).toBe(0);
    before = snapshot(base);
    unitsBefore = unitCount(join(base, 'memory.sqlite'));
    const reference = fixture();
    cpSync(base, reference, { recursive: true });
    expect((await bitext(['build', next, reference])).code).toBe(0);
    after = snapshot(reference);
    unitsAfter = unitCount(join(reference, 'memory.sqlite'));
    expect(after).not.toEqual(before);
    expect(unitsAfter).toBeGreaterThan(unitsBefore);
  });

  // When to kill the child: after a time, or as soon as something appears in the output folder.
  const moments: [string, number | ((out: string) => boolean)][] = [
    ['300 ms in (reading and aligning)', 300],
    ['at its first temporary file', (out) => temporaries(out).length > 0],
    ['once the list page is staged', (out) => temporaries(out).some((name) => !name.includes('/'))],
    ['once the memory is open', (out) => existsSync(join(out, 'memory.sqlite-wal'))],
  ];
  for (const [when, moment] of moments) {
    it(`kill -9 ${when}`, async () => {
      const out = fixture();
      cpSync(base, out, { recursive: true });
      const child = spawn(process.execPath, [DIST_MAIN, 'build', next, out], { stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      const kill = typeof moment === 'number'
        ? setTimeout(() => child.kill('SIGKILL'), moment)
        : setInterval(() => moment(out) && child.kill('SIGKILL'), 1);
      await exited;
      clearInterval(kill);
      const now = snapshot(out);
      if (JSON.stringify(now) === JSON.stringify(after)) expect(unitCount(join(out, 'memory.sqlite'))).toBe(unitsAfter);
      else expect(now).toEqual(before);
      // the next run removes what the killed one left, in a document no longer built too, and completes the set
      mkdirSync(join(out, 'removed'));
      writeFileSync(join(out, 'removed', `.index.html.${child.pid}.bitext-tmp`), 'half');
      expect((await bitext(['build', next, out])).code).toBe(0);
      expect(temporaries(out)).toEqual([]);
      expect(snapshot(out)).toEqual(after);
      expect(unitCount(join(out, 'memory.sqlite'))).toBe(unitsAfter);
    });
  }
});

// A real full disk: a 512 KiB tmpfs (the tests run as root; skipped where mounting is not allowed).
const disk = fixture();
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', disk]).status === 0;
afterAll(() => {
  if (mounted) execFileSync('umount', [disk]);
});

describe.skipIf(!mounted)('build: a full disk changes nothing', () => {
  it('stops with one line naming the file, the old output and memory whole, no temporary file', async () => {
    const out = join(disk, 'out');
    expect((await bitext(['build', fixture(realPair()), out])).code).toBe(0);
    const before = snapshot(out);
    const units = unitCount(join(out, 'memory.sqlite'));
    const { bavail, bsize } = statfsSync(disk);
    writeFileSync(join(disk, 'filler'), Buffer.alloc(bavail * bsize - 40 * 1024)); // 40 KiB left: less than one document
    const result = await bitext(['build', fixture(realPair('zhongnanhai', edited)), out]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    // alignment.align and alignment.json (32 KiB in 4 KiB pages) fit, memory.tmx (20 KB) does not
    expect(result.stderr).toBe(`bitext: ${out}/zhongnanhai/memory.tmx: cannot write: no space left on the device\n`);
    expect(snapshot(out)).toEqual(before);
    expect(unitCount(join(out, 'memory.sqlite'))).toBe(units);
    expect(temporaries(disk)).toEqual([]);
  });
});
