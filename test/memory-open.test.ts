/**
 * A translation memory that guards itself (pipeline/memory/store.ts `openMemory`, the verbs'
 * `withMemory` in pipeline/cli/memory.ts): hostile files given as `--memory` are refused untouched,
 * read-only verbs read a read-only memory, a failed import leaves nothing behind, two importers
 * wait for each other, a killed import leaves all or none of its units; and the TMX reader's
 * limits (`TMX_LIMITS` in pipeline/memory/tmx-read.ts) and pipes.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { closeMemory, importTmx, memoryStats, openMemory } from '../pipeline/memory/index.ts';
import { TMX_LIMITS } from '../pipeline/memory/tmx-read.ts';
import { bitext, DIST_MAIN } from './helpers/cli.ts';
import { fixture as tempDir } from './helpers/fixtures.ts';
import { ROOT } from './helpers/paths.ts';

/** A TMX file of `n` Chinese–English units numbered from `from` (each unit distinct). */
function tmx(n: number, from = 0): string {
  const tus: string[] = [];
  for (let i = from; i < from + n; i++) tus.push(`<tu><tuv xml:lang="zh"><seg>第${i}句话。</seg></tuv><tuv xml:lang="en"><seg>Sentence number ${i}.</seg></tuv></tu>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1" creationdate="20260304T050607Z"/><body>\n${tus.join('\n')}\n</body></tmx>\n`;
}

/** Units stored in the memory at `path`, read directly with SQLite (read-only). */
function units(path: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT count(*) FROM units').pluck().get() as number;
  } finally {
    db.close();
  }
}

/** Run the compiled CLI in a child process as user `nobody` (the tests run as root, who may read anything). */
function asNobody(args: string[]) {
  const r = spawnSync(process.execPath, [DIST_MAIN, ...args], { cwd: ROOT, encoding: 'utf8', uid: 65534, gid: 65534, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('hostile files as --memory', () => {
  it("refuses another program's SQLite database without changing a byte or leaving a journal", async () => {
    const dir = tempDir({ 'a.tmx': tmx(3) });
    const other = join(dir, 'other.db');
    const db = new Database(other);
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me')");
    db.close();
    const before = readFileSync(other);
    for (const args of [['tm', 'import', join(dir, 'a.tmx')], ['tm', 'stats'], ['tm', 'lookup', '第1句话。'], ['tm', 'export', join(dir, 'out.tmx')]]) {
      const r = await bitext([...args, '--memory', other]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`bitext: ${other}: not a Bitext translation memory (an SQLite database without Bitext's tables, left untouched)\n`);
    }
    expect(readFileSync(other).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['a.tmx', 'other.db']);
  });

  it('refuses a text file, and an empty file for the verbs that only read, untouched', async () => {
    const dir = tempDir({ 'a.tmx': tmx(3), 'notes.txt': 'hello\n', 'empty.sqlite': '' });
    const text = join(dir, 'notes.txt');
    const r = await bitext(['tm', 'import', join(dir, 'a.tmx'), '--memory', text]);
    expect([r.code, r.stderr]).toEqual([2, `bitext: ${text}: not a Bitext translation memory (not an SQLite database)\n`]);
    expect(readFileSync(text, 'utf8')).toBe('hello\n');
    const empty = join(dir, 'empty.sqlite');
    const s = await bitext(['tm', 'stats', '--memory', empty]);
    expect([s.code, s.stderr]).toEqual([2, `bitext: ${empty}: empty file, not a Bitext translation memory\n`]);
    expect(readFileSync(empty).length).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['a.tmx', 'empty.sqlite', 'notes.txt']);
    // An empty file is where a new memory may be made (tm import, build).
    expect((await bitext(['tm', 'import', join(dir, 'a.tmx'), '--memory', empty])).code).toBe(0);
    expect(units(empty)).toBe(3);
  });

  it('refuses /dev/null and a folder, creating nothing beside them', async () => {
    const dir = tempDir({ 'a.tmx': tmx(3) });
    const r = await bitext(['tm', 'import', join(dir, 'a.tmx'), '--memory', '/dev/null']);
    expect([r.code, r.stderr]).toEqual([2, 'bitext: /dev/null: not a regular file (a device, pipe or socket), not a translation memory\n']);
    expect(existsSync('/dev/null-journal')).toBe(false);
    const s = await bitext(['tm', 'stats', '--memory', dir]);
    expect([s.code, s.stderr]).toEqual([2, `bitext: ${dir}: is a folder, not a translation memory\n`]);
    expect(readdirSync(dir)).toEqual(['a.tmx']);
  });

  it('a failed import into a new memory leaves no file or folder behind', async () => {
    const dir = tempDir({ 'bad.tmx': '<tmx version="1.4"><body><tu>' });
    const memory = join(dir, 'new', 'deeper', 'tm.sqlite');
    const r = await bitext(['tm', 'import', join(dir, 'bad.tmx'), '--memory', memory]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^.*bad\.tmx:1:\d+: .*\n$/);
    expect(readdirSync(dir)).toEqual(['bad.tmx']);
  });

  it('a read-only memory can still be looked up, exported and counted; no permission is called so', async () => {
    const dir = tempDir({ 'a.tmx': tmx(3) });
    chmodSync(dir, 0o755);
    const memory = join(dir, 'tm.sqlite');
    expect((await bitext(['tm', 'import', join(dir, 'a.tmx'), '--memory', memory])).code).toBe(0);
    chmodSync(memory, 0o444);
    const before = readFileSync(memory);
    // The verbs run as user nobody: the clone must sit in folders others may enter, or nothing below means anything.
    const reach = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(DIST_MAIN)})`], { uid: 65534, gid: 65534 });
    expect(reach.status, `user nobody cannot read ${DIST_MAIN}: clone the project where other users may enter (chmod o+x on its folders)`).toBe(0);
    const stats = asNobody(['tm', 'stats', '--memory', memory]);
    expect([stats.code, stats.stderr]).toEqual([0, '']);
    expect(stats.stdout).toContain(`${memory}: 3 units\n`);
    const hit = asNobody(['tm', 'lookup', '第1句话。', '--max', '1', '--memory', memory]);
    expect([hit.code, hit.stdout]).toEqual([0, '100  第1句话。\n     → Sentence number 1.  (imported TMX, 2026-03-04)\n']);
    const write = asNobody(['tm', 'import', join(dir, 'a.tmx'), '--memory', memory]);
    expect([write.code, write.stderr]).toEqual([2, `bitext: ${memory}: permission denied: the translation memory is not writable\n`]);
    chmodSync(memory, 0o000);
    const none = asNobody(['tm', 'stats', '--memory', memory]);
    expect([none.code, none.stderr]).toEqual([2, `bitext: ${memory}: permission denied: cannot read the translation memory\n`]);
    chmodSync(memory, 0o644);
    expect(readFileSync(memory).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['a.tmx', 'tm.sqlite']);
  });

  it('a memory of another schema version is refused by name', () => {
    const dir = tempDir();
    const file = join(dir, 'tm.sqlite');
    closeMemory(openMemory(file));
    const db = new Database(file);
    db.prepare("UPDATE meta SET value = '9' WHERE key = 'schema'").run();
    db.close();
    expect(() => openMemory(file, 'read')).toThrow(`${file}: not a Bitext translation memory of this version (schema 9, expected 2)`);
  });
});

describe('concurrent and interrupted imports', () => {
  it('two processes importing into one memory at once both succeed and lose no unit', async () => {
    const dir = tempDir({ 'a.tmx': tmx(4000), 'b.tmx': tmx(4000, 4000) });
    const memory = join(dir, 'tm.sqlite');
    const run = (file: string) => new Promise<{ code: number | null; stderr: string }>((done) => {
      const child = spawn(process.execPath, [DIST_MAIN, 'tm', 'import', join(dir, file), '--memory', memory], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
      let stderr = '';
      child.stderr.on('data', (d) => { stderr += d; });
      child.on('close', (code) => done({ code, stderr }));
    });
    const [a, b] = await Promise.all([run('a.tmx'), run('b.tmx')]);
    expect([a, b]).toEqual([{ code: 0, stderr: '' }, { code: 0, stderr: '' }]);
    expect(units(memory)).toBe(8000);
  });

  it('kill -9 of an import at several moments leaves the memory readable with all or none of its units', async () => {
    const dir = tempDir({ 'base.tmx': tmx(5), 'big.tmx': tmx(40_000, 100) });
    const base = join(dir, 'base.sqlite');
    expect((await bitext(['tm', 'import', join(dir, 'base.tmx'), '--memory', base])).code).toBe(0);
    const seen = new Set<number>();
    for (const ms of [150, 400, 700, 1000, 1500]) {
      const memory = join(dir, `tm-${ms}.sqlite`);
      copyFileSync(base, memory);
      const child = spawn(process.execPath, [DIST_MAIN, 'tm', 'import', join(dir, 'big.tmx'), '--memory', memory], { cwd: ROOT, stdio: 'ignore' });
      // Listen before waiting: a child that ends on its own during the wait must not be missed.
      const closed = new Promise((done) => child.on('close', done));
      await new Promise((done) => setTimeout(done, ms));
      child.kill('SIGKILL');
      await closed;
      const m = openMemory(memory, 'read');
      const n = memoryStats(m).units;
      closeMemory(m);
      expect([5, 40_005]).toContain(n);
      seen.add(n);
    }
    expect(seen.has(5)).toBe(true);
  }, 60_000);
});

describe('TMX limits and pipes', () => {
  const unitWith = (seg: string) => `<tmx version="1.4"><header srclang="zh"/><body>\n<tu><tuv xml:lang="zh"><seg>${seg}</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>`;

  it('refuses a huge <seg> (32 MB) with file:line:col, keeping the memory as it was', () => {
    const dir = tempDir({ 'huge.tmx': unitWith('一'.repeat(32 << 20 >> 1)) });
    const m = openMemory(':memory:');
    expect(() => importTmx(m, join(dir, 'huge.tmx'))).toThrow(new RegExp(`^${join(dir, 'huge.tmx')}:2:\\d+: text, comment or markup longer than ${TMX_LIMITS.text} characters: refused`));
    expect(memoryStats(m).units).toBe(0);
    closeMemory(m);
  });

  it('refuses a long attribute value, a long name and a long comment by place', () => {
    const dir = tempDir({
      'attr.tmx': `<tmx version="1.4"><header srclang="zh" x="${'a'.repeat(TMX_LIMITS.attribute + 1)}"/><body/></tmx>`,
      'name.tmx': `<tmx version="1.4"><header srclang="zh"/><body><${'n'.repeat(2 * TMX_LIMITS.name)}/></body></tmx>`,
      'comment.tmx': `<tmx version="1.4"><header srclang="zh"/><body>\n<!-- ${'c'.repeat(TMX_LIMITS.text + SLICE_SLACK)} --></body></tmx>`,
    });
    const m = openMemory(':memory:');
    expect(() => importTmx(m, join(dir, 'attr.tmx'))).toThrow(`${join(dir, 'attr.tmx')}:1:65583: attribute x of <header> longer than ${TMX_LIMITS.attribute} characters: refused (TMX_LIMITS in pipeline/memory/tmx-read.ts)`);
    expect(() => importTmx(m, join(dir, 'name.tmx'))).toThrow(new RegExp(`^${join(dir, 'name.tmx')}:1:\\d+: name longer than ${TMX_LIMITS.name} characters`));
    expect(() => importTmx(m, join(dir, 'comment.tmx'))).toThrow(new RegExp(`^${join(dir, 'comment.tmx')}:2:\\d+: text, comment or markup longer than`));
    closeMemory(m);
  });

  it('tm import reads a pipe (/dev/stdin)', () => {
    const dir = tempDir();
    const memory = join(dir, 'tm.sqlite');
    const r = spawnSync(process.execPath, [DIST_MAIN, 'tm', 'import', '/dev/stdin', '--memory', memory], { cwd: ROOT, encoding: 'utf8', input: tmx(3000) });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(`/dev/stdin: 3000 units read, 3000 added, 0 already there, 0 skipped (no variant pair in the languages asked) → ${memory}\n`);
    expect(units(memory)).toBe(3000);
  });

  it('a folder given as the TMX file is refused, and the new memory is not left behind', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'in.tmx'));
    const r = await bitext(['tm', 'import', join(dir, 'in.tmx'), '--memory', join(dir, 'tm.sqlite')]);
    expect([r.code, r.stderr]).toEqual([2, `bitext: ${join(dir, 'in.tmx')}: is a folder, not a TMX file\n`]);
    expect(readdirSync(dir)).toEqual(['in.tmx']);
  });
});

/** Characters past the limit that make sure a whole parser slice (pipeline/memory/tmx-read.ts `SLICE`) lies beyond it. */
const SLICE_SLACK = 1 << 17;

