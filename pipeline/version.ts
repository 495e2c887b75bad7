/** Bitext's name and version, read once from the project's package.json. */
import { readFileSync } from 'node:fs';

/** The `version` field of package.json, e.g. `0.1.0`. */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** `Bitext <version>`: the generator tag of pages and the TMX creation tool. */
export const GENERATOR = `Bitext ${VERSION}`;
