/**
 * A throwaway PostgreSQL cluster for the tests (test/helpers/postgres.ts) and the bench
 * (bench/postgres.ts): `initdb` into a temporary folder, `pg_ctl start` listening on 127.0.0.1 at a
 * free port with its unix socket inside that folder, one database created; `stop` shuts it down
 * and removes the folder. Run as root, the server runs as user `postgres` (`runuser`), which owns
 * the folder (PostgreSQL refuses to run as root).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running cluster: its connection URL, data folder and stop function. */
export interface PostgresCluster {
  url: string;
  folder: string;
  stop(): void;
}

/**
 * The newest /usr/lib/postgresql/<version>/bin holding `initdb` (Debian's layout), or the folder of
 * an `initdb` on PATH; null when PostgreSQL is not installed.
 */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(root, versions[0], 'bin');
  }
  try {
    const found = execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim();
    return found === '' ? null : join(found, '..');
  } catch {
    return null;
  }
}

/** A TCP port free on 127.0.0.1 right now (the kernel's pick). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Start a cluster (module comment) with database `database` (default `bitext`). Throws `Error`
 * saying PostgreSQL is not installed (with how to install it) when no `initdb` is found, or with
 * the server's log when it does not start.
 */
export async function startPostgres(database = 'bitext'): Promise<PostgresCluster> {
  const bin = postgresBin();
  if (bin === null) throw new Error('PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin or on PATH): apt-get install postgresql, or set BITEXT_TEST_POSTGRES to a postgres:// URL');
  const folder = mkdtempSync(join(tmpdir(), 'bitext-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const owner = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const group = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(folder, owner, group);
  }
  const run = (tool: string, args: string[]): string => {
    const command = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] as const : [join(bin, tool), args] as const;
    return execFileSync(command[0], command[1], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  };
  const data = join(folder, 'data');
  const port = await freePort();
  let started = false;
  const stop = (): void => {
    if (started) {
      try {
        run('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w']);
      } catch {
        // already stopped: nothing to do but remove the folder
      }
      started = false;
    }
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    // fsync off: a throwaway cluster need not survive a crash, and the bench measures Bitext, not the disk.
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50`;
    run('pg_ctl', ['start', '-D', data, '-w', '-t', '60', '-l', join(folder, 'log'), '-o', options]);
    started = true;
    run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database]);
  } catch (error) {
    const log = existsSync(join(folder, 'log')) ? readFileSync(join(folder, 'log'), 'utf8') : '';
    stop();
    const e = error as { stderr?: string; message: string };
    throw new Error(`could not start a PostgreSQL cluster: ${e.stderr ?? e.message}${log}`);
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/${database}`, folder, stop };
}
