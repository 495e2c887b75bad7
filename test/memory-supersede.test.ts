import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { bitext } from './helpers/cli.ts';
import { fixture } from './helpers/fixtures.ts';
import { closeMemory, iterateUnits, lookup, openMemory } from '../pipeline/memory/index.ts';

// Three 1-1 block links, each block one sentence, so each link gives a block unit and a sentence
// unit with the same texts: 6 units, 3 distinct pairs (stored as b0, b1, b2).
const ZH = '# 会议记录\n\n会议于2019年举行。\n\n天气很好。\n';
const EN = '# Minutes\n\nThe meeting was held in 2019.\n\nThe weather was good.\n';
/** The same English with the third paragraph translated anew: link 2 now pairs 天气很好。 with another text. */
const EN_SUNNY = EN.replace('The weather was good.', 'It was sunny.');

const TMX = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" datatype="plaintext"/><body>
<tu><tuv xml:lang="zh-CN"><seg>天气很好。</seg></tuv><tuv xml:lang="en"><seg>Fine weather.</seg></tuv></tu>
</body></tmx>
`;

interface Row { id: number; source: string; target: string; origin_doc: string | null; origin_link: string | null; superseded: string | null; superseded_by: number | null }

/** Every unit row with its supersession columns, read straight from the SQLite file. */
function rows(file: string): Row[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT id, source, target, origin_doc, origin_link, superseded, superseded_by FROM units ORDER BY id').all() as Row[];
  } finally {
    db.close();
  }
}

/** The targets `lookup` offers at 100 for `text` (zh-Hans → en). */
function exact(file: string, text: string): string[] {
  const memory = openMemory(file, 'read');
  try {
    return lookup(memory, text, { sourceLang: 'zh-Hans', targetLang: 'en', min: 100 }).map((h) => h.target);
  } finally {
    closeMemory(memory);
  }
}

async function build(dir: string, en: string) {
  writeFileSync(join(dir, 'src/doc/en.md'), en);
  const result = await bitext(['build', join(dir, 'src'), join(dir, 'out'), '--json']);
  expect([result.code, result.stderr]).toEqual([0, '']);
  return JSON.parse(result.stdout);
}

describe('a rebuild supersedes the units its document no longer produces', () => {
  it('the old pair is kept, marked with the date and the build, and no longer offered; an imported unit is untouched; it comes back when the text does', async () => {
    const dir = fixture({ 'src/doc/zh.md': ZH, 'src/doc/en.md': EN, 'tm.tmx': TMX });
    const memory = join(dir, 'out/memory.sqlite');
    expect(await build(dir, EN)).toMatchObject({ unitsAdded: 3, unitsExisting: 3, unitsSuperseded: 0, unitsRestored: 0 });
    expect((await bitext(['tm', 'import', join(dir, 'tm.tmx'), '--memory', memory])).code).toBe(0);
    expect(exact(memory, '天气很好。').sort()).toEqual(['Fine weather.', 'The weather was good.']);

    // Build 2: the pair of link 2 (block and sentence alike) is new; the other two are there already.
    expect(await build(dir, EN_SUNNY)).toMatchObject({ unitsAdded: 1, unitsExisting: 5, unitsSuperseded: 1, unitsRestored: 0 });
    const after = rows(memory);
    const old = after.find((r) => r.target === 'The weather was good.')!;
    expect(old).toMatchObject({ origin_doc: 'doc', origin_link: 'b2', superseded_by: 2 });
    expect(old.superseded).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // The imported unit (no origin) and the two unchanged pairs stay current.
    expect(after.filter((r) => r.superseded === null).map((r) => r.target).sort()).toEqual(['Fine weather.', 'It was sunny.', 'Minutes', 'The meeting was held in 2019.']);
    expect(exact(memory, '天气很好。').sort()).toEqual(['Fine weather.', 'It was sunny.']);
    // Not offered below 100 either, nor exported.
    const m = openMemory(memory, 'read');
    try {
      expect(lookup(m, '天气很好。', { min: 0, max: 100 }).map((h) => h.target)).not.toContain('The weather was good.');
      expect([...iterateUnits(m)].map((u) => u.target)).not.toContain('The weather was good.');
    } finally {
      closeMemory(m);
    }
    const stdout = (await bitext(['build', join(dir, 'src'), join(dir, 'out')])).stdout;
    expect(stdout).not.toContain('superseded'); // build 3, nothing changed: nothing to say

    // Build 4: the English of build 1 again — the old pair is current again, the sunny one superseded by build 4.
    expect(await build(dir, EN)).toMatchObject({ unitsAdded: 0, unitsExisting: 6, unitsSuperseded: 1, unitsRestored: 1 });
    const back = rows(memory);
    expect(back.find((r) => r.target === 'The weather was good.')).toMatchObject({ superseded: null, superseded_by: null });
    expect(back.find((r) => r.target === 'It was sunny.')).toMatchObject({ superseded_by: 4 });
    expect(exact(memory, '天气很好。').sort()).toEqual(['Fine weather.', 'The weather was good.']);
  });

  it('pretranslate fills a segment only from the current unit', async () => {
    const dir = fixture({ 'src/doc/zh.md': ZH, 'src/doc/en.md': EN });
    await build(dir, EN);
    await build(dir, EN_SUNNY);
    writeFileSync(join(dir, 'new.md'), '天气很好。\n');
    const pre = await bitext(['pretranslate', join(dir, 'new.md'), '--memory', join(dir, 'out/memory.sqlite'), '--out', join(dir, 'draft.md')]);
    expect(pre.code).toBe(0);
    expect(readFileSync(join(dir, 'draft.md'), 'utf8')).toBe('It was sunny.\n');
  });

  it('tm prune removes exactly the superseded units, prints them, and leaves lookup whole', async () => {
    const dir = fixture({ 'src/doc/zh.md': ZH, 'src/doc/en.md': EN });
    const memory = join(dir, 'out/memory.sqlite');
    await build(dir, EN);
    await build(dir, EN_SUNNY);
    const oldId = rows(memory).find((r) => r.target === 'The weather was good.')!.id;

    const pruned = await bitext(['tm', 'prune', '--memory', memory, '--json']);
    expect(pruned.code).toBe(0);
    expect(JSON.parse(pruned.stdout).removed).toEqual([
      { source: '天气很好。', target: 'The weather was good.', sourceLang: 'zh-Hans', targetLang: 'en', origin: { doc: 'doc', link: 'b2' }, superseded: expect.stringMatching(/Z$/), build: 2 },
    ]);
    expect(rows(memory).map((r) => r.target).sort()).toEqual(['It was sunny.', 'Minutes', 'The meeting was held in 2019.']);
    // No index posting names the removed id any more.
    const db = new Database(memory, { readonly: true });
    const postings = (db.prepare('SELECT ids FROM grams').pluck().all() as Buffer[]).flatMap((b) => [...new Int32Array(Uint8Array.from(b).buffer)]);
    db.close();
    expect(postings).not.toContain(oldId);
    expect(exact(memory, '会议于2019年举行。')).toEqual(['The meeting was held in 2019.']);
    expect(exact(memory, '天气很好。')).toEqual(['It was sunny.']);

    const again = await bitext(['tm', 'prune', '--memory', memory]);
    expect([again.code, again.stdout]).toEqual([0, `${memory}: 0 superseded units removed\n`]);
  });

  it('tm prune prints each unit it removes', async () => {
    const dir = fixture({ 'src/doc/zh.md': ZH, 'src/doc/en.md': EN });
    const memory = join(dir, 'out/memory.sqlite');
    await build(dir, EN);
    await build(dir, EN_SUNNY);
    const { superseded } = rows(memory).find((r) => r.target === 'The weather was good.')!;
    const pruned = await bitext(['tm', 'prune', '--memory', memory]);
    expect(pruned.stdout).toBe(`doc b2 (superseded ${superseded} by build 2): 天气很好。\n     → The weather was good.\n${memory}: 1 superseded units removed\n`);
  });
});

// The DDL of schema version 1 (before `builds` and the `superseded*` columns), as store.ts had it.
const V1 = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE units (id INTEGER PRIMARY KEY, source TEXT NOT NULL, target TEXT NOT NULL, source_markup TEXT, target_markup TEXT,
  source_lang TEXT NOT NULL, target_lang TEXT NOT NULL, source_key TEXT NOT NULL, target_key TEXT NOT NULL,
  source_tokens INTEGER NOT NULL, target_tokens INTEGER NOT NULL, origin_doc TEXT, origin_link TEXT, score REAL,
  created TEXT NOT NULL, changed TEXT NOT NULL, creation_tool TEXT, change_tool TEXT, usage INTEGER NOT NULL DEFAULT 0,
  pair_hash INTEGER NOT NULL);
CREATE INDEX units_pair_hash ON units (pair_hash);
CREATE TABLE grams (gram INTEGER NOT NULL, chunk INTEGER NOT NULL, n INTEGER NOT NULL, ids BLOB NOT NULL, PRIMARY KEY (gram, chunk)) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('schema', '1');
INSERT INTO units (source, target, source_lang, target_lang, source_key, target_key, source_tokens, target_tokens,
  origin_doc, origin_link, score, created, changed, usage, pair_hash)
  VALUES ('天气很好。', 'The weather was good.', 'zh-Hans', 'en', 'zh-Hans', 'en', 5, 4, 'doc', 'b2', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 0, 1);
`;

describe('a memory of schema version 1', () => {
  it('opens read-only unchanged, with every unit current', () => {
    const dir = fixture();
    const file = join(dir, 'tm.sqlite');
    const db = new Database(file);
    db.exec(V1);
    db.close();
    const before = readFileSync(file);
    const m = openMemory(file, 'read');
    try {
      expect([...iterateUnits(m)].map((u) => u.target)).toEqual(['The weather was good.']);
    } finally {
      closeMemory(m);
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('is migrated by a build (schema 2 recorded, its unit kept) and then superseded like any other', async () => {
    const dir = fixture({ 'src/doc/zh.md': ZH, 'src/doc/en.md': EN_SUNNY });
    const memory = join(dir, 'out/memory.sqlite');
    mkdirSync(join(dir, 'out'));
    const db = new Database(memory);
    db.exec(V1);
    db.close();
    // The build's alignment pairs 天气很好。 with "It was sunny.": the version-1 unit of doc b2 is superseded by build 1.
    const result = await bitext(['build', join(dir, 'src'), join(dir, 'out'), '--json']);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(JSON.parse(result.stdout)).toMatchObject({ unitsAdded: 3, unitsExisting: 3, unitsSuperseded: 1 });
    const check = new Database(memory, { readonly: true });
    try {
      expect(check.prepare("SELECT value FROM meta WHERE key = 'schema'").pluck().get()).toBe('2');
      expect(check.prepare('SELECT id, at FROM builds').all()).toEqual([{ id: 1, at: expect.stringMatching(/Z$/) }]);
    } finally {
      check.close();
    }
    expect(rows(memory).find((r) => r.target === 'The weather was good.')).toMatchObject({ id: 1, superseded_by: 1 });
    expect(exact(memory, '天气很好。')).toEqual(['It was sunny.']);
  });
});
