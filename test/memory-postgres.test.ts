/**
 * The PostgreSQL back end (pipeline/memory/postgres.ts) behind the same interface as SQLite
 * (pipeline/memory/backend.ts): the same hits for the same TM, writers from four processes at once,
 * `tm migrate` both ways, URLs that are not a supported memory, a failed import leaving nothing.
 * The server is the throwaway cluster of test/helpers/postgres.ts; without PostgreSQL these tests
 * fail saying so.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { lookupIn, openBackend, sqliteBackend, type TmBackend } from '../pipeline/memory/backend.ts';
import { openMemory } from '../pipeline/memory/store.ts';
import { writeTmx } from '../pipeline/memory/tmx-write.ts';
import type { TranslationUnit } from '../pipeline/types.ts';
import { run } from '../pipeline/cli/index.ts';
import { bitext, DIST_MAIN } from './helpers/cli.ts';
import { fixture as tempDir } from './helpers/fixtures.ts';
import { ROOT } from './helpers/paths.ts';
import { freshPostgres } from './helpers/postgres.ts';

const DATE = '2026-01-01T00:00:00Z';
const MAC_DEV = join(ROOT, '..', 'shared', 'corpus', 'mac-dev');

function unit(source: string, target: string, doc: string | null = null, link = ''): TranslationUnit {
  return { source, target, sourceLang: 'zh-Hans', targetLang: 'en', origin: doc === null ? null : { doc, link }, score: null, created: DATE, changed: DATE, usage: 0 };
}

/** Units of the MAC-dev corpus read in place: Chinese line i of a file with English line i. */
function macDevUnits(): TranslationUnit[] {
  const units: TranslationUnit[] = [];
  for (const name of readdirSync(join(MAC_DEV, 'zh')).sort()) {
    const zh = readFileSync(join(MAC_DEV, 'zh', name), 'utf8').split('\n').filter((l) => l.trim() !== '');
    const en = readFileSync(join(MAC_DEV, 'en', name), 'utf8').split('\n').filter((l) => l.trim() !== '');
    for (let i = 0; i < Math.min(zh.length, en.length); i++) units.push(unit(zh[i], en[i], `mac-${name}`, `b${i}`));
  }
  return units;
}

async function count(url: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(sql)).rows[0].n);
  } finally {
    await client.end();
  }
}

/** Run the compiled `bitext` in a child process; resolves to its exit code and output. */
function spawnAsync(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [DIST_MAIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('PostgreSQL back end', () => {
  it('gives the same hits as SQLite for the same TM (MAC-dev, 300 queries in both directions)', async () => {
    const units = macDevUnits();
    expect(units.length).toBeGreaterThan(300);
    const sqlite = sqliteBackend(openMemory(':memory:'));
    const server = await openBackend(await freshPostgres(), 'create');
    try {
      expect(await sqlite.addUnits(units)).toEqual(await server.addUnits(units));
      // Queries: Chinese sides with their last character dropped (a fuzzy match of their own unit)
      // and English sides as they are (exact, en → zh), every kth unit.
      const queries: string[] = [];
      for (let i = 0; queries.length < 300; i += Math.max(1, Math.floor(units.length / 150))) {
        const u = units[i % units.length];
        queries.push(i % 2 === 0 ? [...u.source].slice(0, -1).join('') : u.target);
      }
      let agree = 0;
      for (const q of queries) {
        const a = await lookupIn(sqlite, q, { max: 5 });
        const b = await lookupIn(server, q, { max: 5 });
        expect(b).toEqual(a);
        if (a.length > 0) agree++;
      }
      // every query finds at least its own unit (a character dropped from a sentence stays ≥ 50)
      expect(agree).toBe(300);
      // the exact English query of a unit scores 100 on the server too
      const hits = await lookupIn(server, units[1].target);
      expect(hits[0]).toMatchObject({ source: units[1].target, target: units[1].source, score: 100, sourceLang: 'en', targetLang: 'zh-Hans' });
    } finally {
      await sqlite.close();
      await server.close();
    }
  });

  it('stores identical pairs once, and a unit repeated in one batch once (FR-10)', async () => {
    const server = await openBackend(await freshPostgres(), 'create');
    try {
      const a = unit('深圳地铁16号线', 'Shenzhen Metro Line 16');
      // the same pair, reversed: the same unit
      const reversed: TranslationUnit = { ...a, source: a.target, target: a.source, sourceLang: 'en', targetLang: 'zh-Hans' };
      expect(await server.addUnits([a, a, reversed, unit('全长29.2公里', '29.2 kilometers long')])).toEqual({ added: 2, existing: 2 });
      expect(await server.addUnits([a])).toEqual({ added: 0, existing: 1 });
      expect((await server.stats()).units).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('COPY keeps every character and finds pairs repeated across batches (more than one batch of 20,000)', async () => {
    const server = await openBackend(await freshPostgres(), 'create');
    try {
      // Tab, line breaks, a backslash, quotes, an astral character and empty markup survive binary COPY.
      const odd: TranslationUnit = { ...unit('第一行\t制表\n第二行\\反斜杠"引号"𠀀', 'Line one\tTab\r\nline two \\N "quoted" 𠀀', 'doc\t1', 'b0'), score: 0.25, usage: 3, sourceMarkup: '<bpt i="1">&lt;b&gt;</bpt>第一行' };
      const units = [odd, ...Array.from({ length: 19_999 }, (_, i) => unit(`批量句子第${i}号`, `bulk sentence ${i}`))];
      // the first three units again after the first batch of 20,000: found in the batch stored before
      const result = await server.addUnits([...units, ...units.slice(0, 3)]);
      expect(result).toEqual({ added: 20_000, existing: 3 });
      const stored = [];
      for await (const u of server.units()) stored.push(u);
      expect(stored.length).toBe(20_000);
      expect(stored[0]).toMatchObject({ source: odd.source, target: odd.target, sourceMarkup: odd.sourceMarkup, targetMarkup: null, origin: { doc: 'doc\t1', link: 'b0' }, score: 0.25, usage: 3, created: DATE, superseded: null });
      expect(stored[19_999]).toMatchObject({ id: 20_000, source: '批量句子第19998号', target: 'bulk sentence 19998', origin: null, score: null });
    } finally {
      await server.close();
    }
  });

  it('loses no unit and stores none twice with four processes importing at once', async () => {
    const url = await freshPostgres();
    const dir = tempDir();
    // 4 files: 150 units of their own each, and the same 50 units in all four.
    const shared = Array.from({ length: 50 }, (_, i) => unit(`共有句子第${i}号`, `shared sentence ${i}`));
    const files = [0, 1, 2, 3].map((p) => {
      const own = Array.from({ length: 150 }, (_, i) => unit(`进程${p}的句子第${i}号`, `sentence ${i} of process ${p}`));
      const file = join(dir, `p${p}.tmx`);
      writeTmx([...own, ...shared], file);
      return file;
    });
    const runs = await Promise.all(files.map((file) => spawnAsync(['tm', 'import', file, '--memory', url, '--json'])));
    for (const r of runs) expect(r.stderr).toBe('');
    const results = runs.map((r) => JSON.parse(r.stdout) as { added: number; existing: number });
    // 4 × 150 own units + 50 shared ones stored once; the 3 later imports find the 50 there.
    expect(results.reduce((n, r) => n + r.added, 0)).toBe(650);
    expect(results.reduce((n, r) => n + r.existing, 0)).toBe(150);
    expect(await count(url, 'SELECT count(*) AS n FROM tm_units')).toBe(650);
    expect(await count(url, 'SELECT count(DISTINCT source) AS n FROM tm_units')).toBe(650);
  });

  it('tm migrate copies units, builds and superseded units from SQLite to PostgreSQL and back', async () => {
    const dir = tempDir();
    const first = join(dir, 'first.sqlite');
    const url = await freshPostgres();
    const back = join(dir, 'back.sqlite');
    const source = sqliteBackend(openMemory(first, 'create'));
    // build 1 of doc a: two units; build 2 of doc a keeps one and adds one: the other is superseded.
    await source.addBuild([unit('第一句。', 'The first sentence.', 'a', 'b0'), unit('第二句。', 'The second sentence.', 'a', 'b1')], ['a'], 'src', '2026-01-01T00:00:00Z');
    const build2 = await source.addBuild([unit('第一句。', 'The first sentence.', 'a', 'b0'), unit('第二句改了。', 'The second sentence, changed.', 'a', 'b1')], ['a'], 'src', '2026-02-01T00:00:00Z');
    expect(build2).toMatchObject({ added: 1, existing: 1, superseded: 1 });
    await source.close();

    const there = await bitext(['tm', 'migrate', first, url, '--json']);
    expect(there.stderr).toBe('');
    expect(JSON.parse(there.stdout)).toEqual({ added: 3, existing: 0 });
    const again = await bitext(['tm', 'migrate', url, back]);
    expect(again.code).toBe(0);

    for (const spec of [url, back]) {
      const b: TmBackend = await openBackend(spec, 'read');
      try {
        const units = [];
        for await (const u of b.units()) units.push({ source: u.source, superseded: u.superseded, by: u.supersededBy });
        const builds = await b.builds();
        expect(builds.map((x) => x.at)).toEqual(['2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z']);
        expect(units).toEqual([
          { source: '第一句。', superseded: null, by: null },
          { source: '第二句。', superseded: '2026-02-01T00:00:00Z', by: builds[1].id },
          { source: '第二句改了。', superseded: null, by: null },
        ]);
        // the superseded unit is never offered
        expect((await lookupIn(b, '第二句。', { min: 100 })).map((h) => h.source)).toEqual([]);
      } finally {
        await b.close();
      }
    }
    // prune on the server removes the superseded unit only
    const pruned = await bitext(['tm', 'prune', '--memory', url, '--json']);
    expect((JSON.parse(pruned.stdout) as { removed: { source: string }[] }).removed.map((u) => u.source)).toEqual(['第二句。']);
    expect(await count(url, 'SELECT count(*) AS n FROM tm_units')).toBe(2);
  });

  it('pretranslate and BITEXT_MEMORY: the same draft as from SQLite, usage counts raised on the server', async () => {
    const dir = tempDir();
    const file = join(dir, 'memory.sqlite');
    const url = await freshPostgres();
    const units = [unit('深圳地铁16号线开通。', 'Shenzhen Metro Line 16 opens.'), unit('全长29.2公里。', 'It is 29.2 kilometers long.')];
    for (const spec of [file, url]) {
      const b = await openBackend(spec, 'create');
      await b.addUnits(units);
      await b.close();
    }
    const doc = join(dir, 'new.zh.md');
    // the first sentence exactly (100), the second with 公里 → 千米 (a fuzzy match)
    writeFileSync(doc, '深圳地铁16号线开通。全长29.2千米。\n');
    const a = await bitext(['pretranslate', doc, '--memory', file, '--out', join(dir, 'a.md'), '--json']);
    const stdout = { text: '', write(chunk: string) { this.text += chunk; return true; } };
    const stderr = { text: '', write(chunk: string) { this.text += chunk; return true; } };
    // no --memory: BITEXT_MEMORY names the server
    expect(await run(['pretranslate', doc, '--out', join(dir, 'b.md'), '--json'], { stdout, stderr, env: { BITEXT_MEMORY: url } })).toBe(0);
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe(readFileSync(join(dir, 'a.md'), 'utf8'));
    const report = JSON.parse(stdout.text) as { bands: { band: string; segments: number }[] };
    expect(JSON.parse(a.stdout).bands).toEqual(report.bands);
    // band 101: the first segment's hit is not a document's first link (no origin), so plain 100
    expect(report.bands.find((b) => b.band === '100')!.segments).toBe(1);
    expect(await count(url, 'SELECT sum(usage) AS n FROM tm_units')).toBe(2);
  });

  it('tm export from PostgreSQL writes the same bytes as from SQLite, filters and supersession alike', async () => {
    const dir = tempDir();
    const file = join(dir, 'memory.sqlite');
    const url = await freshPostgres();
    const units = [
      unit('深圳地铁16号线开通。', 'Shenzhen Metro Line 16 opens.', 'metro', 'b0'),
      { ...unit('全长29.2公里。', 'It is 29.2 kilometers long.', 'metro', 'b1s0'), score: 0.875, usage: 4, sourceMarkup: '<ph x="1">&lt;br/&gt;</ph>全长29.2公里。' },
      { ...unit('Hello & <world>', '你好，世界'), sourceLang: 'en', targetLang: 'zh-Hant' },
    ];
    for (const spec of [file, url]) {
      const b = await openBackend(spec, 'create');
      await b.addBuild(units, ['metro'], 'src', '2026-01-01T00:00:00Z');
      // the rebuild drops b0: superseded, so not exported
      await b.addBuild([units[1]], ['metro'], 'src', '2026-02-01T00:00:00Z');
      await b.close();
    }
    for (const [name, extra] of [['all', []], ['zh-en', ['--src', 'zh', '--tgt', 'en']], ['en-zh', ['--src', 'en']], ['doc', ['--doc', 'metro']]] as const) {
      const a = await bitext(['tm', 'export', join(dir, `${name}-a.tmx`), '--memory', file, ...extra]);
      const b = await bitext(['tm', 'export', join(dir, `${name}-b.tmx`), '--memory', url, ...extra]);
      expect(b.stderr).toBe('');
      expect(b.stdout).toBe(a.stdout.replace(`${name}-a.tmx`, `${name}-b.tmx`));
      expect(readFileSync(join(dir, `${name}-b.tmx`), 'utf8')).toBe(readFileSync(join(dir, `${name}-a.tmx`), 'utf8'));
    }
    // 2 current units; the en → zh-Hant one turned to zh → en for --src zh --tgt en
    expect(readFileSync(join(dir, 'all-b.tmx'), 'utf8').match(/<tu /g)).toHaveLength(2);
    expect(readFileSync(join(dir, 'zh-en-b.tmx'), 'utf8')).toContain('<tuv xml:lang="zh-Hant"><seg>你好，世界</seg></tuv>\n      <tuv xml:lang="en"><seg>Hello &amp; &lt;world&gt;</seg>');
    // nothing from a document the memory lacks: the same warning as from SQLite
    const none = await bitext(['tm', 'export', join(dir, 'none.tmx'), '--memory', url, '--doc', 'nosuch']);
    expect(none.stderr).toContain('warning: no units from document "nosuch" (documents in this memory: "metro"): wrote a TMX file with no units');
  });

  it('refuses a URL that is not a supported memory, in one line, for every verb', async () => {
    const dir = tempDir();
    for (const args of [
      ['tm', 'lookup', '你好', '--memory', 'mysql://localhost/tm'],
      ['tm', 'stats', '--memory', 'redis://localhost'],
      ['tm', 'export', join(dir, 'x.tmx'), '--memory', 'https://example.org/tm'],
      ['tm', 'migrate', 'sqlite://x', join(dir, 'y.sqlite')],
    ]) {
      const r = await bitext(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^[^\n]*not a supported memory[^\n]*\n$/);
    }
  });

  it('a failed tm import leaves nothing: no schema on a new database, the units of an existing one', async () => {
    const dir = tempDir();
    const broken = join(dir, 'broken.tmx');
    writeFileSync(broken, '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="zh-CN"/><body><tu><tuv xml:lang="zh-CN"><seg>一</seg></tuv><tuv xml:lang="en"><seg>one</seg></tuv></tu><tu>\n');
    const url = await freshPostgres();
    const r = await bitext(['tm', 'import', broken, '--memory', url]);
    expect(r.code).toBe(2);
    expect(await count(url, "SELECT count(*) AS n FROM pg_tables WHERE tablename LIKE 'tm\\_%'")).toBe(0);
    const good = join(dir, 'good.tmx');
    writeTmx([unit('一', 'one'), unit('二', 'two')], good);
    expect((await bitext(['tm', 'import', good, '--memory', url])).code).toBe(0);
    expect((await bitext(['tm', 'import', broken, '--memory', url, '--replace'])).code).toBe(2);
    expect(await count(url, 'SELECT count(*) AS n FROM tm_units')).toBe(2);
  });
});
