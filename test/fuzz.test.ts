/**
 * A seeded fuzz pass over the inputs a user hands the tool: hostile Markdown pairs through `build`
 * and `check`, mangled TMX files through `tm import`, all in-process. Each run must end in exit 0
 * (or 1 for `check`'s findings), or exit 2 with exactly one stderr line naming the input, and leave
 * no temporary file behind. The generator is a fixed-seed LCG, so a failure replays exactly: the
 * case number is in the assertion message.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bitext } from './helpers/cli.ts';
import { fixture } from './helpers/fixtures.ts';
import { SHARED } from './helpers/paths.ts';

/** A deterministic generator of small integers, pieces and mutations. */
function random(seed: number) {
  let state = seed >>> 0;
  const int = (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.floor((state / 2 ** 32) * n);
  };
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { int, pick };
}

const ZH = ['这是一段中文。', '他说：“我们走吧。”', '１９９８年１１月１２日，', '一一一一一一一一', '魏玲灵', '（注：见上文）', '……', '！？；'];
const EN = ['This is English.', 'Mr. Smith said "Go."', 'On November 12, 1998,', '1,000,000', 'Lingling Wei', 'U.S. a.m. Dr.', '...', '?!;'];
const MARKUP = ['# ', '## ', '- ', '1. ', '> ', '    ', '```\n', '*', '**', '_', '`', '[', '](x)', '<script>alert(1)</script>', '| a | b |\n|---|---|\n', '\n', '\n\n', '\r\n', '\t', '&amp;', '&#0;', '\\', '<!--', '-->', '\u00a0', '\u3000'];
const HOSTILE = ['\x1b[2J', '\x1b]0;title\x07', '\u009b31m', '\u202e', '\ufeff', '\ud800', '\x7f', '\u2028'];

/**
 * One hostile document: text of the language mixed with markup (long runs of one mark too) and
 * control characters; one time in five not text: invalid UTF-8, UTF-16 with a lone surrogate, cut
 * short, or with a NUL byte.
 */
function document(r: ReturnType<typeof random>, words: readonly string[]): Buffer {
  const parts: string[] = [];
  const n = r.int(40);
  for (let i = 0; i < n; i++) {
    const k = r.int(10);
    if (k < 4) parts.push(r.pick(words));
    else if (k < 8) parts.push(r.pick(MARKUP));
    else if (k < 9) parts.push(r.pick(MARKUP).repeat(1 + r.int(200)));
    else parts.push(r.pick(HOSTILE));
  }
  const bytes = Buffer.from(parts.join(''), 'utf8');
  const k = r.int(20);
  if (k === 0) return Buffer.concat([bytes, Buffer.from([0xc0, 0xaf])]);
  if (k === 1) return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(parts.join(''), 'utf16le')]);
  if (k === 2) return bytes.subarray(0, r.int(bytes.length + 1));
  if (k === 3) return Buffer.concat([bytes, Buffer.from([0])]);
  return bytes;
}

/** Files left behind that a run should never leave: temporary files (`.name.*.tmp`) and journals. */
function leftovers(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => /(^|\/)\.[^/]*\.tmp$|-journal$|-wal$/.test(name));
}

/** Exit 0 (or one of `ok`), or exit 2 with one stderr line naming `input` (a path or a prefix of one). */
function expectCleanEnd(result: { code: number; stderr: string }, input: string, ok: readonly number[], label: string): void {
  if (result.code === 2) {
    expect(result.stderr.split('\n'), `${label}: ${result.stderr}`).toHaveLength(2);
    expect(result.stderr, label).toMatch(/^bitext: .+\n$/);
    expect(result.stderr, label).toContain(input);
  } else {
    expect(ok, `${label}: exit ${result.code} ${result.stderr}`).toContain(result.code);
    expect(result.stderr, label).not.toMatch(/^bitext: /m);
  }
}

describe('fuzz: hostile Markdown pairs through build and check', () => {
  it('exit 0, 1 for findings, or one line naming the source; nothing left behind (30 seeded pairs)', async () => {
    const root = fixture();
    const codes: number[] = [];
    for (let c = 0; c < 30; c++) {
      const r = random(1000 + c);
      const src = join(root, `src${c}`);
      const out = join(root, `out${c}`);
      mkdirSync(join(src, 'doc'), { recursive: true });
      writeFileSync(join(src, 'doc/zh.md'), document(r, ZH));
      writeFileSync(join(src, 'doc/en.md'), document(r, EN));
      const label = `case ${c}`;
      const checked = await bitext(['check', src]);
      expectCleanEnd(checked, src, [0, 1], `${label} check`);
      const built = await bitext(['build', src, out]);
      expectCleanEnd(built, src, [0], `${label} build`);
      // A failed check and a failed build fail the same way: on reading the same input.
      expect(built.code === 2, label).toBe(checked.code === 2);
      expect(leftovers(out), label).toEqual([]);
      if (built.code === 0) expect(existsSync(join(out, 'doc/index.html')), label).toBe(true);
      codes.push(built.code);
    }
    // The generator is not all hostile: some pairs build.
    expect(codes).toContain(0);
  });
});

describe('fuzz: mangled TMX through tm import', () => {
  const base = readFileSync(join(SHARED, 'tmx-samples/okapi-sampleTMX2_usagecount-note-prop.tmx'));
  const INSERTS = ['<', '>', '&', '&#0;', '&#x1b;', '\x1b', '\0', ']]>', '<!ENTITY x "y">', '<tu>', '</tuv>', '<seg>', '"', "'", '<![CDATA[', '\u009b', '<?xml version="1.0"?>', 'xml:lang="', '<tu><tuv xml:lang="zh"><seg>中</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu>'];
  /** `base` with one to three mutations: cut short, bytes inserted, a byte flipped, an element repeated deep. */
  function mangle(r: ReturnType<typeof random>): Buffer {
    let bytes = Buffer.from(base);
    for (let m = 1 + r.int(3); m > 0; m--) {
      const at = r.int(bytes.length + 1);
      const k = r.int(5);
      if (k === 0) bytes = bytes.subarray(0, at);
      else if (k === 1) bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(r.pick(INSERTS)), bytes.subarray(at)]);
      else if (k === 2 && at < bytes.length) bytes[at] = r.int(256);
      else if (k === 3) bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from('<tu>'.repeat(1 + r.int(3000))), bytes.subarray(at)]);
      else bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(`<x a="${'v'.repeat(r.int(5000))}">`), bytes.subarray(at)]);
    }
    return bytes;
  }
  const results: { code: number; memory: string }[] = [];
  it('exit 0 or one line naming the TMX file; no temporary file or journal left (60 seeded files)', async () => {
    const root = fixture();
    for (let c = 0; c < 60; c++) {
      const r = random(5000 + c);
      const tmx = join(root, `f${c}.tmx`);
      const memory = join(root, `m${c}`, 'memory.sqlite');
      writeFileSync(tmx, mangle(r));
      const result = await bitext(['tm', 'import', tmx, '--memory', memory]);
      const label = `case ${c}`;
      expectCleanEnd(result, tmx, [0], label);
      expect(leftovers(root), label).toEqual([]);
      results.push({ code: result.code, memory });
    }
    // The mutations are not all fatal: some files import, most do not.
    expect(results.some((x) => x.code === 0)).toBe(true);
    expect(results.some((x) => x.code === 2)).toBe(true);
  });
  it('a failed import creates no translation memory (the runs above)', () => {
    expect(results).toHaveLength(60);
    for (const x of results) if (x.code === 2) expect(existsSync(x.memory), x.memory).toBe(false);
  });
});
