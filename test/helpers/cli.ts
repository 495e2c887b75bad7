/** Run the bitext command line in a child process, as a user would. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Run `bitext ...args` with cwd `cwd` (default the project root); returns exit code and output. */
export function bitext(args: string[], cwd = ROOT, input?: string): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', `${ROOT}node_modules/tsx/dist/loader.mjs`, `${ROOT}pipeline/cli/main.ts`, ...args], {
    cwd,
    encoding: 'utf8',
    input,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
