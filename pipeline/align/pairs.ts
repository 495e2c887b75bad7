/**
 * Document pairs on disk: a folder per document holding the Chinese source and the English
 * translation, found, read, segmented and aligned into a `Bitext`. Used by `build`, `check` and
 * `diff`; errors are `BitextError`s naming the folder (exit 2).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Bitext } from '../types.ts';
import { BitextError, located } from '../io.ts';
import { isChinese, languageOfFileName } from '../text/index.ts';
import { loadDocument } from '../segment/index.ts';
import { alignBitext } from './index.ts';
import { readCorrections } from './corrections.ts';

/** The two files of one document pair. */
export interface DocumentPair {
  /** Document name: the folder's name. */
  doc: string;
  dir: string;
  sourceFile: string;
  targetFile: string;
}

/**
 * The document pair in folder `dir`: one Chinese file and one English file, told by their names
 * (`languageOfFileName`: `zh.md`, `zh-Hans.md`, `zh-Hant.md`, `en.md`, or `.txt`…). Throws
 * `BitextError` (exit 2) naming the folder when either side is missing or present twice.
 */
export function findPair(dir: string): DocumentPair {
  const documents = readdirSync(dir).sort().flatMap((name) => {
    const lang = languageOfFileName(name);
    return lang ? [{ file: join(dir, name), chinese: isChinese(lang) }] : [];
  });
  const pick = (chinese: boolean, what: string, expected: string) => {
    const found = documents.filter((d) => d.chinese === chinese).map((d) => d.file);
    if (found.length === 0) throw new BitextError(located(dir, undefined, `no ${what} file (expected ${expected})`), { file: dir });
    if (found.length > 1) throw new BitextError(located(dir, undefined, `more than one ${what} file: ${found.map((f) => basename(f)).join(', ')}`), { file: dir });
    return found[0];
  };
  return {
    doc: basename(resolve(dir)),
    dir,
    sourceFile: pick(true, 'Chinese source', 'zh.md, zh-Hans.md or zh-Hant.md, or .txt'),
    targetFile: pick(false, 'English target', 'en.md or en.txt'),
  };
}

/** Options of `findPairs`. */
export interface FindPairsOptions {
  /** Told, as one line `path: warning: …`, of each entry of the source folder that is skipped with a word. */
  onWarning?: (message: string) => void;
}

/**
 * Every document pair under `sourceDir`: each sub-folder holding at least one document file, in
 * name order; `sourceDir` itself when it holds the files directly. Skipped, each with a warning
 * (`onWarning`), rather than failing the whole run: a broken symbolic link, and a folder whose name
 * starts with "." (`...`, `.draft`) when it holds document files; other entries that are not
 * folders are ignored. In one document folder a broken link named as a document is read, and
 * fails naming it (`readText`). Throws `BitextError` (exit 2) when the folder is missing, holds no pair, or a folder
 * lacks its counterpart.
 */
export function findPairs(sourceDir: string, options: FindPairsOptions = {}): DocumentPair[] {
  if (!existsSync(sourceDir)) throw new BitextError(located(sourceDir, undefined, 'no such folder'), { file: sourceDir });
  if (!statSync(sourceDir).isDirectory()) throw new BitextError(located(sourceDir, undefined, 'is a file, expected a folder of document pairs or one document folder'), { file: sourceDir });
  const warn = (path: string, message: string) => options.onWarning?.(`${path}: warning: ${message}`);
  // statSync follows symbolic links; it finds nothing only for a link whose target is gone.
  const entries = readdirSync(sourceDir)
    .sort()
    .map((name) => ({ name, path: join(sourceDir, name), stat: statSync(join(sourceDir, name), { throwIfNoEntry: false }) }));
  // One document folder: its files are read as they are named, so a broken link there is an error naming it.
  if (entries.some((e) => languageOfFileName(e.name) !== null && e.stat?.isFile())) return [findPair(sourceDir)];
  for (const e of entries) if (!e.stat) warn(e.path, 'broken symbolic link (its target does not exist), skipped');
  const dirs = entries.filter((e) => e.stat?.isDirectory() && readdirSync(e.path).some((n) => languageOfFileName(n) !== null));
  const pairs = dirs
    .filter((e) => {
      if (!e.name.startsWith('.')) return true;
      warn(e.path, 'folder name starts with "." (hidden), skipped');
      return false;
    })
    .map((e) => findPair(e.path));
  if (pairs.length === 0) throw new BitextError(located(sourceDir, undefined, 'no document pairs (a folder per document with zh.md and en.md)'), { file: sourceDir });
  return pairs;
}

/**
 * Read, segment and align one document pair (see `loadDocument`, `alignBitext`), around the
 * corrections recorded beside its sources (`readCorrections`, corrections.ts); `onWarning` is
 * told, one line `file: warning: …` each, of what the alignment changed in a document (a side
 * read one paragraph a line, `matchGranularity`) and of each stale correction. Throws
 * `BitextError` (exit 2) when a file cannot be read or the corrections file is malformed.
 */
export function loadPair(pair: DocumentPair, onWarning?: (message: string) => void): Bitext {
  return alignBitext(pair.doc, loadDocument(pair.sourceFile), loadDocument(pair.targetFile), { onWarning, corrections: readCorrections(pair.dir) });
}

/** Read, segment and align the document pair in folder `dir` (see `findPair`, `loadPair`). */
export function loadBitext(dir: string): Bitext {
  return loadPair(findPair(dir));
}
