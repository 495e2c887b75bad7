/**
 * Compile the command line to JavaScript in dist/ (`npm run build`; `npm ci` runs it as
 * `prepare`, and the tests' global setup before the end-to-end tests): pipeline/cli/main.ts
 * bundled by esbuild into dist/main.js — the `bitext` executable, run by `npm start` and
 * `npm run bitext` — with each verb's modules in chunks under dist/chunks/ that are loaded only
 * when that verb runs (the `import()`s of pipeline/cli/index.ts become chunk boundaries).
 *
 * Why a bundle rather than tsc's file-per-module output: `bitext build` loads about 370 ES
 * modules (unified, micromark, hast…), and resolving, reading and compiling them one file at a
 * time cost about a third of a second of a one-second build on the 2-core CI machine.
 * Packages are bundled too, except better-sqlite3, whose native addon is found relative to its
 * own folder in node_modules. Type checking is `npm run typecheck`'s job, not this one's.
 */
import { chmodSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The project folder (this file is in scripts/). */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The folder of the compiled command line. */
export const DIST = join(ROOT, 'dist');

/** The compiled `bitext` executable. */
export const DIST_MAIN = join(DIST, 'main.js');

/**
 * Compile the command line (see the module comment) into a fresh folder beside dist/, then put it
 * in dist/'s place: a `bitext` started while the tests or `npm run build` rebuild finds the old
 * program or the new one, never a missing dist/main.js. Rejects with esbuild's errors, leaving
 * dist/ as it was.
 */
export async function buildDist(): Promise<void> {
  const fresh = `${DIST}.${process.pid}.tmp`;
  const old = `${DIST}.${process.pid}.old`;
  rmSync(fresh, { recursive: true, force: true });
  try {
    await compile(fresh);
    chmodSync(join(fresh, 'main.js'), 0o755); // an executable, like the `bin` npm links to it
  } catch (error) {
    rmSync(fresh, { recursive: true, force: true });
    throw error;
  }
  let moved = false;
  try {
    renameSync(DIST, old);
    moved = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  renameSync(fresh, DIST);
  if (moved) rmSync(old, { recursive: true, force: true });
}

/** esbuild's bundle of pipeline/cli/main.ts into `outdir`. */
async function compile(outdir: string): Promise<void> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['pipeline/cli/main.ts'],
    outdir,
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['better-sqlite3', 'pg'],
    sourcemap: 'linked',
    // Chinese text (opencc-js's conversion tables, about 1 MB) stays UTF-8 instead of \u escapes:
    // half the bytes to read, decode and compile at start.
    charset: 'utf8',
    // Bundled CommonJS packages (commander, cli-progress, saxes…) call `require` for Node's own
    // modules; an ES module has none, so one is made for them.
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as bitextCreateRequire } from 'node:module';\nconst require = bitextCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildDist();
