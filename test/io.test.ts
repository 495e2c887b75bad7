import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BitextError, removeStaleTemporaries, Staging, writeFileAtomic } from '../pipeline/io.ts';
import { fixture } from './helpers/fixtures.ts';

/** The pid of a process that has ended (a finished child). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

function thrown(f: () => void): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('writeFileAtomic', () => {
  it('writes a string, bytes and string chunks, replacing the old file and keeping its permissions', () => {
    const dir = fixture();
    const file = join(dir, 'a.txt');
    writeFileAtomic(file, 'one');
    chmodSync(file, 0o640);
    writeFileAtomic(file, new Uint8Array([0x74, 0x77, 0x6f]));
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    // 3 MiB of chunks: flushed every MiB, the last part at the end
    writeFileAtomic(file, (function* () {
      for (let i = 0; i < 3 * 1024; i++) yield 'x'.repeat(1023) + '\n';
    })());
    expect(statSync(file).size).toBe(3 * 1024 * 1024);
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('leaves the old file, no temporary file and no new folder when the generator throws', () => {
    const dir = fixture({ 'a.txt': 'old' });
    const boom = new Error('invalid date in unit 2');
    const error = thrown(() => writeFileAtomic(join(dir, 'a.txt'), (function* () {
      yield 'partial';
      throw boom;
    })()));
    expect(error).toBe(boom);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['a.txt']);
    expect(() => writeFileAtomic(join(dir, 'new', 'deeper', 'b.txt'), (function* () {
      yield 'x';
      throw boom;
    })())).toThrow(boom);
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('names the target, never the temporary file, when the target is a folder', () => {
    const dir = fixture({ 'out/keep': 'k' });
    const error = thrown(() => writeFileAtomic(join(dir, 'out'), 'x')) as BitextError;
    expect(error).toBeInstanceOf(BitextError);
    expect(error.message).toBe(`${join(dir, 'out')}: cannot write: is a folder, expected a file`);
    expect(readdirSync(dir)).toEqual(['out']);
  });

  it('writes a long but valid name (255 bytes) without failing on the temporary name', () => {
    const dir = fixture();
    const longest = '中'.repeat(84) + '.md'; // 84 × 3 + 3 = 255 bytes, NAME_MAX
    expect(Buffer.byteLength(longest)).toBe(255);
    writeFileAtomic(join(dir, longest), 'ok');
    expect(readdirSync(dir)).toEqual([longest]);
    expect(readFileSync(join(dir, longest), 'utf8')).toBe('ok');
  });

  it('removes the temporary files of processes that are gone from the folder it writes to, and only those', () => {
    const dead = deadPid();
    const stale = `.a.txt.${dead}.bitext-tmp`;
    const live = `.b.txt.1.bitext-tmp`; // pid 1 is always running
    const dir = fixture({ [stale]: 'half', [live]: 'busy', '.c.txt.tmp': 'not ours', [`sub/.d.txt.${dead}.bitext-tmp`]: 'elsewhere' });
    writeFileAtomic(join(dir, 'x.txt'), 'x');
    expect(readdirSync(dir).sort()).toEqual(['.b.txt.1.bitext-tmp', '.c.txt.tmp', 'sub', 'x.txt']);
    expect(readdirSync(join(dir, 'sub'))).toHaveLength(1); // a folder not written to is not scanned
    removeStaleTemporaries(join(dir, 'sub'));
    expect(readdirSync(join(dir, 'sub'))).toEqual([]);
    removeStaleTemporaries(join(dir, 'missing')); // never throws
  });
});

describe('Staging', () => {
  it('changes nothing until commit, then puts files in place in order; discard leaves nothing', () => {
    const dir = fixture({ 'old.txt': 'old', 'gone.txt': 'bye' });
    const staging = new Staging();
    staging.write(join(dir, 'old.txt'), 'new');
    staging.write(join(dir, 'doc', 'b.txt'), 'b');
    staging.remove(join(dir, 'gone.txt'));
    expect(readFileSync(join(dir, 'old.txt'), 'utf8')).toBe('old');
    expect(readdirSync(join(dir, 'doc'))).toEqual([`.b.txt.${process.pid}.bitext-tmp`]);
    staging.commit();
    expect(readdirSync(dir).sort()).toEqual(['doc', 'old.txt']);
    expect(readFileSync(join(dir, 'old.txt'), 'utf8')).toBe('new');
    expect(readFileSync(join(dir, 'doc', 'b.txt'), 'utf8')).toBe('b');

    const other = new Staging();
    other.write(join(dir, 'old.txt'), 'newer');
    other.write(join(dir, 'fresh', 'deep', 'c.txt'), 'c');
    other.discard();
    expect(readdirSync(dir).sort()).toEqual(['doc', 'old.txt']);
    expect(readFileSync(join(dir, 'old.txt'), 'utf8')).toBe('new');
  });
});

// A real full disk: a 256 KiB tmpfs (the tests run as root; skipped where mounting is not allowed).
const disk = fixture();
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', disk]).status === 0;
afterAll(() => {
  if (mounted) execFileSync('umount', [disk]);
});

describe.skipIf(!mounted)('writeFileAtomic on a full disk', () => {
  it('reports no space, naming the target, and leaves the old file whole and no temporary file', () => {
    const file = join(disk, 'alignment.json');
    writeFileSync(file, 'good\n');
    const big = 'y'.repeat(400 * 1024);
    for (const data of [big, Buffer.from(big), [big.slice(0, 200 * 1024), big.slice(200 * 1024)]]) {
      const error = thrown(() => writeFileAtomic(file, data)) as BitextError;
      expect(error).toBeInstanceOf(BitextError);
      expect(error.message).toBe(`${file}: cannot write: no space left on the device`);
      expect(readFileSync(file, 'utf8')).toBe('good\n');
      expect(readdirSync(disk)).toEqual(['alignment.json']);
    }
    // what fits is written whole
    writeFileAtomic(file, 'z'.repeat(100 * 1024));
    expect(statSync(file).size).toBe(100 * 1024);
    expect(readdirSync(disk)).toEqual(['alignment.json']);
  });
});
