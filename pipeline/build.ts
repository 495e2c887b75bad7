/**
 * build — the main job: every document pair under a source folder → aligned bitext → edition,
 * alignment files, TMX and translation-memory entries under an output folder.
 * Reading and aligning every document happens before anything is written, so bad input stops
 * the build with nothing half-written; each file is written atomically.
 */
import { accessSync, constants, existsSync, rmSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type { Bitext } from './types.ts';
import { BitextError, checkWritableFolder, located, realPath, writeFileAtomic } from './io.ts';
import { findPairs, loadPair, type DocumentPair } from './align/index.ts';
import { formatAlign, toAlignmentJson } from './align/index.ts';
import { addUnits, closeMemory, openMemory, unitsFromBitext, writeTmx } from './memory/index.ts';
import { renderEdition, renderIndex } from './publish/index.ts';
import { needsReview } from './check/index.ts';
import { isTraditional } from './text/index.ts';

/** Options of `build`. */
export interface BuildOptions {
  /** Translation memory file; default `<outputDir>/memory.sqlite`. */
  memory?: string;
  /** Interface language of the edition (BCP 47; resolved with fallback by publish). Default `en`. */
  uiLang?: string;
  /** Also write a Traditional Chinese edition (`index.hant.html`) when `hant`. */
  script?: 'hans' | 'hant';
  /** Told of each entry of the source folder skipped with a warning (see `findPairs`). */
  onWarning?: (message: string) => void;
  /** Called after each document is aligned: (done, total, doc). */
  onProgress?: (done: number, total: number, doc: string) => void;
}

/** What `build` did. */
export interface BuildSummary {
  documents: { doc: string; blockLinks: number; segmentLinks: number; flagged: number }[];
  unitsAdded: number;
  unitsExisting: number;
  memory: string;
}

/**
 * The main job (`bitext build`, `npm start`): for every pair under `sourceDir` write
 * `<outputDir>/<doc>/{index.html, alignment.json, alignment.align, memory.tmx}`, the list page
 * `<outputDir>/index.html`, and add every block and sentence link to the translation memory in
 * one transaction (building the same pair again adds no units). Every input is read and aligned,
 * and every output place checked (`checkOutputPlaces`), before anything is written; the memory is
 * written before the files. Throws `BitextError` (exit 2) on bad input or an unusable output place.
 */
export async function build(sourceDir: string, outputDir: string, options: BuildOptions = {}): Promise<BuildSummary> {
  const pairs = findPairs(sourceDir, { onWarning: options.onWarning });
  const memoryFile = options.memory ?? join(outputDir, 'memory.sqlite');
  checkOutputPlaces(outputDir, memoryFile, pairs);
  const bitexts: Bitext[] = [];
  for (const pair of pairs) {
    bitexts.push(loadPair(pair));
    options.onProgress?.(bitexts.length, pairs.length, pair.doc);
  }
  const units = bitexts.map((bitext) => unitsFromBitext(bitext));
  const memory = openMemory(memoryFile);
  let result: { added: number; existing: number };
  try {
    result = addUnits(memory, units.flat());
  } finally {
    closeMemory(memory);
  }
  const uiLang = options.uiLang ?? 'en';
  const summary: BuildSummary = { documents: [], unitsAdded: result.added, unitsExisting: result.existing, memory: memoryFile };
  bitexts.forEach((bitext, i) => {
    const dir = join(outputDir, bitext.doc);
    writeFileAtomic(join(dir, 'alignment.align'), formatAlign(bitext.links));
    writeFileAtomic(join(dir, 'alignment.json'), JSON.stringify(toAlignmentJson(bitext), null, 2) + '\n');
    writeTmx(units[i], join(dir, 'memory.tmx'));
    const hant = options.script === 'hant' && !isTraditional(bitext.source.lang);
    writeFileAtomic(join(dir, 'index.html'), renderEdition(bitext, { uiLang, ...(hant ? { alternate: { href: 'index.hant.html', script: 'hant' as const } } : {}) }));
    if (hant) writeFileAtomic(join(dir, 'index.hant.html'), renderEdition(bitext, { uiLang, script: 'hant', alternate: { href: 'index.html', script: 'hans' } }));
    else rmSync(join(dir, 'index.hant.html'), { force: true });
    const flagged = bitext.links.filter((l) => needsReview(l)).length;
    summary.documents.push({ doc: bitext.doc, blockLinks: bitext.links.length, segmentLinks: bitext.links.reduce((n, l) => n + l.sentences.length, 0), flagged });
  });
  const entries = bitexts.map((b, i) => ({
    doc: b.doc,
    title: { source: b.source.blocks[0]?.text ?? b.doc, target: b.target.blocks[0]?.text ?? b.doc },
    href: `${encodeURIComponent(b.doc)}/index.html`,
    links: b.links.length,
    flagged: summary.documents[i].flagged,
    lang: { source: b.source.lang, target: b.target.lang },
    ...(options.script === 'hant' && !isTraditional(b.source.lang) ? { alternate: { href: `${encodeURIComponent(b.doc)}/index.hant.html`, script: 'hant' as const } } : {}),
  }));
  writeFileAtomic(join(outputDir, 'index.html'), renderIndex(entries, { uiLang }));
  return summary;
}

/**
 * Check, without writing, that the build can write where it will: the output folder and each
 * `<outputDir>/<doc>` folder are folders or can be made (`checkWritableFolder`), the memory file is
 * not a folder and is writable, and no output folder is, holds or lies inside a source document
 * folder (compared after resolving symbolic links). Throws `BitextError` (exit 2) naming the path.
 */
export function checkOutputPlaces(outputDir: string, memoryFile: string, pairs: readonly DocumentPair[]): void {
  const inside = (path: string, dir: string) => path === dir || path.startsWith(dir + sep);
  const out = realPath(outputDir);
  for (const pair of pairs) {
    const source = realPath(pair.dir);
    const docOut = realPath(join(outputDir, pair.doc));
    if (inside(out, source) || inside(source, docOut)) {
      throw new BitextError(located(outputDir, undefined, `the output would be written into the source folder ${pair.dir}: choose another output folder`), { file: outputDir });
    }
    checkWritableFolder(join(outputDir, pair.doc));
  }
  checkWritableFolder(dirname(memoryFile));
  if (existsSync(memoryFile)) {
    if (statSync(memoryFile).isDirectory()) throw new BitextError(located(memoryFile, undefined, 'is a folder, expected a translation memory file'), { file: memoryFile });
    try {
      accessSync(memoryFile, constants.W_OK);
    } catch {
      throw new BitextError(located(memoryFile, undefined, 'permission denied (the translation memory is not writable)'), { file: memoryFile });
    }
  }
}
