/**
 * Bitext's package: the folder it is installed in, its name and version, read once from its
 * package.json. The code runs from two places — `pipeline/` (TypeScript, tests and tsx) and
 * `dist/pipeline/` (the compiled JavaScript `npm start` and `bitext` run) — so files that ship
 * with the package (package.json, `locales/`, `node_modules/`) are found from the package root,
 * never by a fixed number of `..` from a module's own URL.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root: the nearest folder at or above `start` (default: this module's folder)
 * holding a package.json whose `name` is `bitext`. Throws `Error` when there is none (a copy of
 * the code outside its package).
 */
export function findPackageRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'bitext') return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json named "bitext" at or above ${start}`);
  }
}

/** The absolute path of the folder holding Bitext's package.json (see `findPackageRoot`). */
export const PACKAGE_ROOT: string = findPackageRoot();

/** The `version` field of package.json, e.g. `0.1.0`. */
export const VERSION: string = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** `Bitext <version>`: the generator tag of pages and the TMX creation tool. */
export const GENERATOR = `Bitext ${VERSION}`;
