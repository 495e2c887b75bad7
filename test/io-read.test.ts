import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BitextError, decodeText, MAX_TEXT_BYTES, readText } from '../pipeline/io.ts';
import { findPairs } from '../pipeline/align/index.ts';
import { bitext } from './helpers/cli.ts';
import { fixture } from './helpers/fixtures.ts';

/** The message `decodeText` throws for `bytes`, or the text when it decodes. */
function decoded(bytes: Uint8Array | number[]): string {
  try {
    return decodeText(Uint8Array.from(bytes), 'f.md');
  } catch (error) {
    expect(error).toBeInstanceOf(BitextError);
    return (error as Error).message;
  }
}

const ascii = (s: string) => [...Buffer.from(s, 'latin1')];

describe('io: UTF-8 by the standard, placed at its line and column', () => {
  it.each([
    // "ab\n" then the fault: line 2; "中" before it is one column, three bytes.
    ['overlong 2-byte form of "/"', [0xc0, 0xaf], 'f.md:2: invalid UTF-8 at byte 3, column 1 (overlong form (lead byte 0xC0))'],
    ['overlong 3-byte form', [0xe0, 0x80, 0xaf], 'f.md:2: invalid UTF-8 at byte 3, column 1 (overlong form)'],
    ['overlong 4-byte form', [0xf0, 0x80, 0x80, 0xaf], 'f.md:2: invalid UTF-8 at byte 3, column 1 (overlong form)'],
    ['a UTF-16 surrogate (U+D800)', [0xed, 0xa0, 0x80], 'f.md:2: invalid UTF-8 at byte 3, column 1 (UTF-16 surrogate encoded as UTF-8)'],
    ['U+110000', [0xf4, 0x90, 0x80, 0x80], 'f.md:2: invalid UTF-8 at byte 3, column 1 (code point above U+10FFFF)'],
    ['a lead byte F5', [0xf5, 0x80, 0x80, 0x80], 'f.md:2: invalid UTF-8 at byte 3, column 1 (code point above U+10FFFF (lead byte 0xF5))'],
    ['a lone continuation byte', [0x80], 'f.md:2: invalid UTF-8 at byte 3, column 1 (continuation byte 0x80 without a lead byte)'],
    ['a sequence cut at the end', [0xe4, 0xb8], 'f.md:2: invalid UTF-8 at byte 3, column 1 (truncated sequence (lead byte 0xE4 needs 2 continuation bytes))'],
  ])('refuses %s', (_, bad, message) => {
    expect(decoded([...ascii('ab\n'), ...bad, ...ascii('\nmore text\n')])).toBe(message);
  });
  it('counts columns in characters and CR, CRLF and LF as line ends', () => {
    // 中 (3 bytes) and x: column 3; lines: a\r, b\r\n, then the fault on line 3.
    expect(decoded([...ascii('a\rb\r\n'), ...Buffer.from('中x'), 0xed, 0xbf, 0xbf])).toBe('f.md:3: invalid UTF-8 at byte 9, column 3 (UTF-16 surrogate encoded as UTF-8)');
  });
  it('accepts the edges of the standard: U+0080, U+D7FF, U+E000, U+10FFFF', () => {
    expect(decoded(Buffer.from('x\u0080\ud7ff\ue000\u{10ffff}', 'utf8'))).toBe('x\u0080\ud7ff\ue000\u{10ffff}');
  });
  it('finds the fault wherever a standard decoder refuses the bytes (seeded random bytes)', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    for (let n = 0; n < 2000; n++) {
      const bytes = Uint8Array.from({ length: 24 }, () => next() || 0x41);
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        valid = false;
      }
      const result = decoded(bytes);
      if (valid) continue;
      // Refused, at a byte with a reason (never the fallback), or as UTF-16 without a mark.
      expect(result).toMatch(/^f\.md(:\d+: invalid UTF-8 at byte \d+, column \d+ \((?!not UTF-8)|: looks like UTF-16)/);
    }
  });
});

describe('io: NUL bytes and UTF-16', () => {
  it('calls an ASCII file with a NUL binary, at the NUL, not UTF-16 without a mark', () => {
    expect(decoded(Buffer.from('Some English text\nwith a NUL\0 in it, an ASCII file.\n'))).toBe('f.md:2: binary file (NUL byte at byte 28, column 11): expected UTF-8 text');
  });
  it('still names UTF-16 without a byte-order mark, Latin or Han', () => {
    expect(decoded(Buffer.from('# Title\n\nSome English text.\n', 'utf16le'))).toBe('f.md: looks like UTF-16 without a byte-order mark: save it as UTF-8');
    expect(decoded(Buffer.from('这是一段没有换行的中文，存成了没有字节顺序标记的文本。', 'utf16le').swap16())).toBe('f.md: looks like UTF-16 without a byte-order mark: save it as UTF-8');
  });
  const le = (...parts: (string | number[])[]) => Buffer.concat([Buffer.from([0xff, 0xfe]), ...parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf16le') : Buffer.from(p)))]);
  it('decodes UTF-16 with a byte-order mark fatally, at the line and column of the fault', () => {
    expect(decoded(le('a\nb😀c\r\nd'))).toBe('a\nb😀c\nd');
    expect(decoded(Buffer.from(le('a\nb😀c')).swap16().fill(0xfe, 0, 1).fill(0xff, 1, 2))).toBe('a\nb😀c');
    // byte 2 is "a", 4 "\n", 6 "b", 8 the lone high surrogate: line 2, column 2
    expect(decoded(le('a\nb', [0x00, 0xd8], 'c'))).toBe('f.md:2: invalid UTF-16LE at byte 8, column 2 (unpaired high surrogate U+D800)');
    expect(decoded(le('a\nbc', [0x00, 0xdc]))).toBe('f.md:2: invalid UTF-16LE at byte 10, column 3 (unpaired low surrogate U+DC00)');
    expect(decoded(le('ab', [0x00, 0x00], 'c'))).toBe('f.md:1: invalid UTF-16LE at byte 6, column 3 (NUL character)');
    // UTF-8 "中" appended to UTF-16: an odd byte is left over.
    expect(decoded(Buffer.concat([le('ab\n'), Buffer.from('中')]))).toBe('f.md:2: invalid UTF-16LE at byte 10, column 2 (an odd number of bytes: the last character is cut)');
  });
});

describe('io: only regular files under the size limit are read', () => {
  const dir = fixture({ 'ok.md': 'x'.repeat(100), 'big.md': 'x'.repeat(101), 'sub/en.md': 'y' });
  const message = (file: string, options?: { maxBytes: number }) => {
    try {
      return readText(file, options);
    } catch (error) {
      expect(error).toBeInstanceOf(BitextError);
      return (error as Error).message;
    }
  };
  it('refuses a FIFO without waiting for a writer, a device, a folder and a broken link', () => {
    execFileSync('mkfifo', [join(dir, 'fifo.md')]);
    symlinkSync(join(dir, 'gone.md'), join(dir, 'link.md'));
    expect(message(join(dir, 'fifo.md'))).toBe(`${dir}/fifo.md: is a named pipe (FIFO), expected a regular text file`);
    expect(message('/dev/zero')).toBe('/dev/zero: is a device, expected a regular text file');
    expect(message(join(dir, 'sub'))).toBe(`${dir}/sub: is a directory, expected a file`);
    expect(message(join(dir, 'link.md'))).toBe(`${dir}/link.md: broken symbolic link (its target does not exist)`);
    expect(message(join(dir, 'none.md'))).toBe(`${dir}/none.md: no such file`);
  });
  it('reads up to the limit and refuses one byte more, before reading it', () => {
    expect(message(join(dir, 'ok.md'), { maxBytes: 100 })).toBe('x'.repeat(100));
    expect(message(join(dir, 'big.md'), { maxBytes: 100 })).toMatch(/big\.md: too large \(over .* MiB, the limit for a text file\)$/);
    // A sparse file one byte over 16 MiB: refused from its size alone.
    const huge = join(dir, 'huge.md');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_TEXT_BYTES + 1);
    expect(message(huge)).toBe(`${huge}: too large (over 16 MiB, the limit for a text file)`);
  });
});

describe('pairs: entries of the source folder skipped with a warning', () => {
  const pair = { 'zh.md': '# 标题\n\n这是一段中文。\n', 'en.md': '# Title\n\nThis is some English.\n' };
  const files = (folder: string) => Object.fromEntries(Object.entries(pair).map(([name, text]) => [`${folder}/${name}`, text]));
  it('skips a broken symbolic link and a hidden document folder, names each, keeps the rest', () => {
    const dir = fixture({ ...files('a'), ...files('...'), ...files('.draft'), '.git/HEAD': 'ref' });
    symlinkSync(join(dir, 'moved-away'), join(dir, 'b'));
    const warnings: string[] = [];
    expect(findPairs(dir, { onWarning: (m) => warnings.push(m) }).map((p) => p.doc)).toEqual(['a']);
    // .git holds no document file: no warning.
    expect(warnings).toEqual([
      `${dir}/b: warning: broken symbolic link (its target does not exist), skipped`,
      `${dir}/...: warning: folder name starts with "." (hidden), skipped`,
      `${dir}/.draft: warning: folder name starts with "." (hidden), skipped`,
    ]);
  });
  it('check and build go on with the other documents, warning on stderr', async () => {
    const dir = fixture(files('src/a'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'src/b'));
    const checked = await bitext(['check', join(dir, 'src')]);
    expect(checked.stderr).toBe(`${dir}/src/b: warning: broken symbolic link (its target does not exist), skipped\n`);
    expect(checked.stdout).toMatch(/^a: /);
    const built = await bitext(['build', join(dir, 'src'), join(dir, 'out')]);
    expect(built.code).toBe(0);
    expect(built.stderr).toBe(`${dir}/src/b: warning: broken symbolic link (its target does not exist), skipped\n`);
    expect(built.stdout).toMatch(/^a: \d+ block links/);
  });
  it('prints names with control characters escaped, in warnings and in errors', async () => {
    const dir = fixture(files('src/a'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'src/b\x1b[2J'));
    expect((await bitext(['check', join(dir, 'src')])).stderr).toBe(`${dir}/src/b\\x1b[2J: warning: broken symbolic link (its target does not exist), skipped\n`);
    expect((await bitext(['check', join(dir, 'none\x1b')])).stderr).toBe(`bitext: ${dir}/none\\x1b: no such folder\n`);
  });
  it('a broken link as a document of a pair is an error naming it', async () => {
    const dir = fixture({ 'a/zh.md': pair['zh.md'] });
    symlinkSync(join(dir, 'nowhere.md'), join(dir, 'a/en.md'));
    const r = await bitext(['check', join(dir, 'a')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`bitext: ${dir}/a/en.md: broken symbolic link (its target does not exist)\n`);
  });
});
