/** Where the tests find things: the project folder and the read-only corpora of ../shared, read in place. */
import { fileURLToPath } from 'node:url';

/** The project folder, with a trailing slash. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `../shared/` beside the project (corpus/, cases/, tmx-samples/), with a trailing slash. */
export const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));

/** `../shared/corpus/`, with a trailing slash. */
export const CORPUS = `${SHARED}corpus/`;
