/**
 * `tm concordance` (issue 13, item 2): one- and two-character Chinese terms, ASCII inside Chinese,
 * English words and phrases case-insensitive and whole, newest first, superseded units never
 * offered, offsets in UTF-16 code units (counted by hand below), and a memory made before
 * characters were indexed.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { addUnits, closeMemory, concordance, openMemory } from '../pipeline/memory/index.ts';
import type { TranslationUnit } from '../pipeline/types.ts';
import { runTmConcordance } from '../pipeline/cli/tm.ts';
import { bitext } from './helpers/cli.ts';
import { fixture } from './helpers/fixtures.ts';

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
