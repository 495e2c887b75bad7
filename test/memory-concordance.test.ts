/**
 * `tm concordance` (issue 13, item 2): one- and two-character Chinese terms, ASCII inside Chinese,
 * English words and phrases case-insensitive and whole, newest first, superseded units never
 * offered, offsets in UTF-16 code units (counted by hand below), and a memory made before
 * characters were indexed; the same hits, in the same order with the same offsets, from the
 * PostgreSQL back end (pipeline/memory/postgres.ts) for the same units.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { addUnits, closeMemory, concordance, openBackend, openMemory, sqliteBackend, type TmBackend } from '../pipeline/memory/index.ts';
import type { TranslationUnit } from '../pipeline/types.ts';
import { runTmConcordance } from '../pipeline/cli/tm.ts';
import { run } from '../pipeline/cli/index.ts';
import { bitext } from './helpers/cli.ts';
import { fixture } from './helpers/fixtures.ts';
import { freshPostgres } from './helpers/postgres.ts';

const DATE = '2026-03-04T05:06:07Z';

function unit(source: string, target: string, extra: Partial<TranslationUnit> = {}): TranslationUnit {
  return { source, target, sourceLang: 'zh-Hans', targetLang: 'en', origin: null, score: null, created: DATE, changed: DATE, usage: 0, ...extra };
}

const UNITS = [
  unit('我们使用API接口读取数据。', 'We read data through the API.'), // 1
  unit('这个webapi不好用，请改用新的接口。', 'This webapi is hard to use.'), // 2
  unit('深圳地铁16号线全长29.2公里。', 'Shenzhen Metro Line 16 is 29.2 km long.'), // 3
  unit('狗', 'Dog'), // 4
  unit('小狗在院子里跑来跑去，非常开心。', 'The puppy runs around the yard, very happy.'), // 5
  unit('𠮷野家的牛丼很好吃。', 'The beef bowl at Yoshinoya is good.'), // 6
  unit('深圳地铁14号线开通了。', 'Shenzhen Metro Line 14 has opened.'), // 7
];

/** [id, matches as side:start-end] of each hit. */
function found(memory: ReturnType<typeof openMemory>, term: string, options = {}): [number, string[]][] {
  return concordance(memory, term, options).map((h) => [h.id, h.matches.map((m) => `${m.side}:${m.start}-${m.end}`)]);
}

describe('concordance', () => {
  const m = openMemory(':memory:');
  addUnits(m, UNITS);

  it('ASCII inside Chinese and in English, any case, whole words only (not webapi)', () => {
    // 我0们1使2用3 A4 P5 I6 接7; "We read data through the " is 25 code units
    expect(found(m, 'API')).toEqual([[1, ['source:4-7', 'target:25-28']]]);
    expect(found(m, 'api')).toEqual([[1, ['source:4-7', 'target:25-28']]]);
    // full-width letters are their ASCII
    expect(found(m, 'ＡＰＩ')).toEqual([[1, ['source:4-7', 'target:25-28']]]);
    expect(found(m, 'webapi')).toEqual([[2, ['source:2-8', 'target:5-11']]]);
  });

  it('two characters, newest first; one character also inside a long unit', () => {
    // unit 2: 这0个1w2…i7不8好9用10，11请12改13用14新15的16接17口18
    expect(found(m, '接口')).toEqual([[2, ['source:17-19']], [1, ['source:7-9']]]);
    expect(found(m, '狗')).toEqual([[5, ['source:1-2']], [4, ['source:0-1']]]);
    expect(found(m, '院子里跑')).toEqual([[5, ['source:3-7']]]);
  });

  it('numbers inside a term are checked on the text: 16号线 is not 14号线, Line 16 not Line 14', () => {
    expect(found(m, '16号线')).toEqual([[3, ['source:4-8']]]);
    expect(found(m, 'line 16')).toEqual([[3, ['target:15-22']]]);
    expect(found(m, '地铁')).toEqual([[7, ['source:2-4']], [3, ['source:2-4']]]);
  });

  it('an astral character counts two code units', () => {
    expect(found(m, '牛丼')).toEqual([[6, ['source:5-7']]]);
    expect(found(m, '𠮷野家')).toEqual([[6, ['source:0-4']]]);
  });

  it('--side and --max', () => {
    expect(found(m, 'API', { side: 'target' })).toEqual([[1, ['target:25-28']]]);
    expect(found(m, '接口', { side: 'target' })).toEqual([]);
    expect(found(m, '地铁', { max: 1 })).toEqual([[7, ['source:2-4']]]);
  });

  it('no word or character to search: refused', () => {
    expect(() => concordance(m, '。！')).toThrow(/has no word or character to search for/);
    expect(() => concordance(m, '16')).toThrow(/numbers alone are not indexed/);
  });

  it('superseded units are never offered', () => {
    const tm = openMemory(':memory:');
    addUnits(tm, [unit('天气很好。', 'The weather is fine.'), unit('天气很冷。', 'It is cold.')]);
    tm.db.prepare("UPDATE units SET superseded = ?, superseded_by = 1 WHERE id = 2").run(DATE);
    expect(found(tm, '天气')).toEqual([[1, ['source:0-2']]]);
    closeMemory(tm);
  });
});

describe('tm concordance on the command line', () => {
  it('marks each place in brackets off a terminal, with origin and day; --json gives the unit fields and offsets', async () => {
    const dir = fixture();
    const memory = join(dir, 'm.sqlite');
    const tm = openMemory(memory);
    addUnits(tm, [unit('接口和接口', 'An interface', { origin: { doc: 'demo', link: 'b2s0' }, changed: '2026-05-06T07:08:09Z' })]);
    closeMemory(tm);
    const text = await bitext(['tm', 'concordance', '接口', '--memory', memory]);
    expect([text.code, text.stdout]).toEqual([0, '[接口]和[接口]\n  → An interface  (demo b2s0, 2026-05-06)\n']);
    const json = await bitext(['tm', 'concordance', 'interface', '--memory', memory, '--json']);
    expect(JSON.parse(json.stdout)).toEqual([{
      source: '接口和接口', target: 'An interface', sourceLang: 'zh-Hans', targetLang: 'en', origin: { doc: 'demo', link: 'b2s0' },
      created: DATE, changed: '2026-05-06T07:08:09Z', usage: 0, matches: [{ side: 'target', start: 3, end: 12 }],
    }]);
    const none = await bitext(['tm', 'concordance', '猫', '--memory', memory]);
    expect([none.code, none.stdout]).toEqual([0, 'no unit holds "猫"\n']);
    const bad = await bitext(['tm', 'concordance', '接口', '--side', 'left', '--memory', memory]);
    expect(bad.code).toBe(2);
  });

  it('on a terminal the places are bold and inverse (ANSI SGR 1 and 7), not bracketed', async () => {
    const dir = fixture();
    const memory = join(dir, 'm.sqlite');
    const tm = openMemory(memory);
    addUnits(tm, [unit('接口和接口', 'An interface')]);
    closeMemory(tm);
    let out = '';
    const stdout = { isTTY: true, write(chunk: string) { out += chunk; return true; } };
    const code = await runTmConcordance({ term: '接口', side: 'source', max: '20', memory }, { stdout, stderr: stdout, env: {} });
    expect([code, out]).toEqual([0, '\x1b[1m\x1b[7m接口\x1b[27m\x1b[22m和\x1b[1m\x1b[7m接口\x1b[27m\x1b[22m\n  → An interface  (imported TMX, 2026-03-04)\n']);
  });

  it('a memory made before characters were indexed: refused read-only for a Chinese term, indexed by the next command that writes it', async () => {
    const dir = fixture();
    const memory = join(dir, 'old.sqlite');
    const tm = openMemory(memory);
    addUnits(tm, [unit('小狗在院子里跑来跑去。', 'The puppy runs around the yard.')]);
    closeMemory(tm);
    // what such a memory looks like: no character keys, no flag saying it has them
    const db = new Database(memory);
    db.exec("DELETE FROM grams; DELETE FROM meta WHERE key IN ('character_keys', 'next_chunk');");
    db.close();
    const refused = await bitext(['tm', 'concordance', '狗', '--memory', memory]);
    expect([refused.code, refused.stderr]).toEqual([2, `bitext: ${memory}: this memory was made before Chinese characters were indexed one by one; any command that writes it (tm import, build, tm prune) adds them, then search again\n`]);
    expect((await bitext(['tm', 'prune', '--memory', memory])).code).toBe(0);
    const hit = await bitext(['tm', 'concordance', '狗', '--memory', memory]);
    expect([hit.code, hit.stdout]).toEqual([0, '小[狗]在院子里跑来跑去。\n  → The puppy runs around the yard.  (imported TMX, 2026-03-04)\n']);
  });
});

/** [id, matches as side:start-end] of each hit of a back end. */
async function foundIn(backend: TmBackend, term: string, options = {}): Promise<[number, string[]][]> {
  return (await backend.concordance(term, options)).map((h) => [h.id, h.matches.map((m) => `${m.side}:${m.start}-${m.end}`)]);
}

describe('concordance on PostgreSQL: the same hits as SQLite', () => {
  it('every term of the SQLite tests: the same units, order, offsets and fields', async () => {
    const sqlite = sqliteBackend(openMemory(':memory:'));
    const server = await openBackend(await freshPostgres(), 'create');
    try {
      await sqlite.addUnits(UNITS);
      await server.addUnits(UNITS);
      const asked: [string, object][] = [['API', {}], ['api', {}], ['ＡＰＩ', {}], ['webapi', {}], ['接口', {}], ['狗', {}], ['院子里跑', {}], ['16号线', {}], ['line 16', {}],
        ['地铁', {}], ['牛丼', {}], ['𠮷野家', {}], ['API', { side: 'target' }], ['接口', { side: 'target' }], ['地铁', { max: 1 }], ['猫', {}]];
      for (const [term, options] of asked) expect(await server.concordance(term, options)).toEqual(await sqlite.concordance(term, options));
      // the hand-counted places of the SQLite tests above, on the server
      expect(await foundIn(server, '接口')).toEqual([[2, ['source:17-19']], [1, ['source:7-9']]]);
      expect(await foundIn(server, 'API')).toEqual([[1, ['source:4-7', 'target:25-28']]]);
      expect(await foundIn(server, '𠮷野家')).toEqual([[6, ['source:0-4']]]);
      await expect(server.concordance('16')).rejects.toThrow(/numbers alone are not indexed/);
    } finally {
      await sqlite.close();
      await server.close();
    }
  });

  it('candidates narrowed by a second posting list (more than 256 hold the pair): the same 400 hits, newest first', async () => {
    // units 1–400 hold 接口; units 401–500 hold 接 and 口 apart, so the pair's list (400 ids) is
    // narrowed by the characters' lists (500 ids each) and 401–500 are dropped before any check.
    const units = [
      ...Array.from({ length: 400 }, (_, i) => unit(`接口${i}号`, `interface ${i}`)),
      ...Array.from({ length: 100 }, (_, i) => unit(`接${i}口`, `joint ${i}`)),
    ];
    const sqlite = sqliteBackend(openMemory(':memory:'));
    const server = await openBackend(await freshPostgres(), 'create');
    try {
      await sqlite.addUnits(units);
      await server.addUnits(units);
      const a = await foundIn(sqlite, '接口', { max: 1000 });
      expect(a.map(([id]) => id)).toEqual(Array.from({ length: 400 }, (_, i) => 400 - i));
      expect(a[0]).toEqual([400, ['source:0-2']]);
      expect(await foundIn(server, '接口', { max: 1000 })).toEqual(a);
      expect(await foundIn(server, 'joint', { max: 3 })).toEqual([[500, ['target:0-5']], [499, ['target:0-5']], [498, ['target:0-5']]]);
    } finally {
      await sqlite.close();
      await server.close();
    }
  });

  it('superseded units are never offered; tm concordance with --memory URL and with BITEXT_MEMORY', async () => {
    const url = await freshPostgres();
    const server = await openBackend(url, 'create');
    await server.addUnits([unit('天气很好。', 'The weather is fine.', { origin: { doc: 'demo', link: 'b1' } }), unit('天气很冷。', 'It is cold.')]);
    await server.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('UPDATE tm_units SET superseded = $1 WHERE id = 2', [DATE]);
    await client.end();
    const text = await bitext(['tm', 'concordance', '天气', '--memory', url]);
    expect([text.code, text.stderr, text.stdout]).toEqual([0, '', '[天气]很好。\n  → The weather is fine.  (demo b1, 2026-03-04)\n']);
    let out = '';
    const stdout = { write(chunk: string) { out += chunk; return true; } };
    expect(await run(['tm', 'concordance', 'weather', '--json'], { stdout, stderr: stdout, env: { BITEXT_MEMORY: url } })).toBe(0);
    expect(JSON.parse(out)).toEqual([{
      source: '天气很好。', target: 'The weather is fine.', sourceLang: 'zh-Hans', targetLang: 'en', origin: { doc: 'demo', link: 'b1' },
      created: DATE, changed: DATE, usage: 0, matches: [{ side: 'target', start: 4, end: 11 }],
    }]);
  });
});
