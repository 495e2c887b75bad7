/**
 * Running the `bitext` command line in tests. `bitext()` calls `run()` of pipeline/cli/index.ts
 * in this process with captured streams — what almost every test uses. `spawnBitext()` runs the
 * real executable, the compiled dist/main.js (built by test/helpers/global-setup.ts), in a child
 * process, for the few end-to-end checks that need a real process: exit status, a closed pipe,
 * what reaches stderr when the process ends (test/cli-main.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { run, type OutputStream } from '../../pipeline/cli/index.ts';
import { DIST_MAIN } from '../../scripts/build-dist.ts';
import { ROOT } from './paths.ts';

export { DIST_MAIN };

/** What a run of the command line gave: its exit code and everything written to stdout and stderr. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A stream that keeps what is written to it (not a terminal, so no colour and no progress bar). */
function capture(): OutputStream & { text: string } {
  return {
    text: '',
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

/**
 * Run `bitext ...args` in-process; relative paths in `args` are read from `cwd` (default: the
 * working folder, i.e. the project folder under vitest).
 */
export async function bitext(args: string[], cwd?: string): Promise<CliResult> {
  const stdout = capture();
  const stderr = capture();
  const code = await run(args, { stdout, stderr, cwd });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/**
 * Run the compiled `bitext ...args` in a child process from the project folder, as a user
 * would (no colour: `NO_COLOR=1`).
 */
export function spawnBitext(args: string[]): CliResult {
  const result = spawnSync(process.execPath, [DIST_MAIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
