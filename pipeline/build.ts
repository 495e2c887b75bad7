/**
 * build — the main job: every document pair under a source folder → aligned bitext → edition,
 * alignment files, TMX and translation-memory entries under an output folder.
 * Reading and aligning every document happens before anything is written, so bad input stops
 * the build with nothing half-written; each file is written atomically.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Bitext, Document } from './types.ts';
import { BitextError, located, writeFileAtomic } from './io.ts';
import { languageOfFileName } from './read.ts';
import { loadDocument } from './segment.ts';
import { alignDocument } from './align/index.ts';
import { formatAlign, toAlignmentJson } from './formats.ts';
import { addUnits, closeMemory, openMemory, unitsFromBitext, writeTmx } from './memory/index.ts';
import { needsReview, renderEdition, renderIndex } from './publish/index.ts';

/** The two files of one document pair. */
export interface DocumentPair {
  /** Document name: the folder's name. */
  doc: string;
  dir: string;
  sourceFile: string;
  targetFile: string;
}

const SOURCE_NAMES = ['zh.md', 'zh-Hans.md', 'zh-Hant.md', 'zh.txt', 'zh-Hans.txt', 'zh-Hant.txt'];
const TARGET_NAMES = ['en.md', 'en.txt'];

/**
 * The document pair in folder `dir`: one Chinese file (`zh.md`, `zh-Hans.md`, `zh-Hant.md` or
 * `.txt`) and one English file (`en.md` or `en.txt`). Throws `BitextError` (exit 2) naming the
 * folder when either side is missing or present twice.
 */
export function findPair(dir: string): DocumentPair {
  const pick = (names: string[], what: string) => {
    const found = names.map((n) => join(dir, n)).filter((f) => existsSync(f));
    if (found.length === 0) throw new BitextError(located(dir, undefined, `no ${what} file (expected one of ${names.join(', ')})`), { file: dir });
    if (found.length > 1) throw new BitextError(located(dir, undefined, `more than one ${what} file: ${found.map((f) => basename(f)).join(', ')}`), { file: dir });
    return found[0];
  };
  return { doc: basename(resolve(dir)), dir, sourceFile: pick(SOURCE_NAMES, 'Chinese source'), targetFile: pick(TARGET_NAMES, 'English target') };
}

/**
 * Every document pair under `sourceDir`: each sub-folder holding at least one document file, in
 * name order; `sourceDir` itself when it holds the files directly. Throws `BitextError` (exit 2)
 * when the folder is missing, holds no pair, or a folder lacks its counterpart.
 */
export function findPairs(sourceDir: string): DocumentPair[] {
  if (!existsSync(sourceDir) || !statSync(sourceDir).isDirectory()) {
    throw new BitextError(located(sourceDir, undefined, 'no such folder'), { file: sourceDir });
  }
  const entries = readdirSync(sourceDir).sort();
  if (entries.some((name) => languageOfFileName(name) !== null && statSync(join(sourceDir, name)).isFile())) return [findPair(sourceDir)];
  const dirs = entries.map((name) => join(sourceDir, name)).filter((p) => statSync(p).isDirectory() && !basename(p).startsWith('.'));
  const pairs = dirs.filter((d) => readdirSync(d).some((n) => languageOfFileName(n) !== null)).map(findPair);
  if (pairs.length === 0) throw new BitextError(located(sourceDir, undefined, 'no document pairs (a folder per document with zh.md and en.md)'), { file: sourceDir });
  return pairs;
}

/** Align two read-and-segmented documents into a `Bitext` named `doc` (Chinese source, English target). */
export function alignDocuments(doc: string, source: Document, target: Document): Bitext {
  const { blockLinks, segmentLinks } = alignDocument(source, target);
  return {
    doc,
    sourceLang: source.lang,
    targetLang: target.lang,
    source: source.blocks,
    target: target.blocks,
    sourceSegments: source.segments,
    targetSegments: target.segments,
    blockLinks,
    segmentLinks,
  };
}

/** Read, segment and align the document pair in folder `dir` (see `findPair`, `loadDocument`). */
export function loadBitext(dir: string): Bitext {
  const pair = findPair(dir);
  return alignDocuments(pair.doc, loadDocument(pair.sourceFile), loadDocument(pair.targetFile));
}

/** Options of `build`. */
export interface BuildOptions {
  /** Translation memory file; default `<outputDir>/memory.sqlite`. */
  memory?: string;
  /** Interface language of the edition (BCP 47; resolved with fallback by publish). Default `en`. */
  uiLang?: string;
  /** Also write a Traditional Chinese edition (`index.hant.html`) when `hant`. */
  script?: 'hans' | 'hant';
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
 * `<outputDir>/index.html`, and add every block and sentence link to the translation memory
 * (building the same pair again adds no units). Throws `BitextError` on bad input before writing.
 */
export async function build(sourceDir: string, outputDir: string, options: BuildOptions = {}): Promise<BuildSummary> {
  const pairs = findPairs(sourceDir);
  const bitexts: Bitext[] = [];
  for (const pair of pairs) {
    bitexts.push(alignDocuments(pair.doc, loadDocument(pair.sourceFile), loadDocument(pair.targetFile)));
    options.onProgress?.(bitexts.length, pairs.length, pair.doc);
  }
  const uiLang = options.uiLang ?? 'en';
  const memoryFile = options.memory ?? join(outputDir, 'memory.sqlite');
  const summary: BuildSummary = { documents: [], unitsAdded: 0, unitsExisting: 0, memory: memoryFile };
  const memory = openMemory(memoryFile);
  try {
    for (const bitext of bitexts) {
      const dir = join(outputDir, bitext.doc);
      const units = unitsFromBitext(bitext);
      writeFileAtomic(join(dir, 'alignment.align'), formatAlign(bitext.blockLinks));
      writeFileAtomic(join(dir, 'alignment.json'), JSON.stringify(toAlignmentJson(bitext), null, 2) + '\n');
      writeTmx(units, join(dir, 'memory.tmx'));
      const hant = options.script === 'hant';
      writeFileAtomic(join(dir, 'index.html'), renderEdition(bitext, { uiLang, ...(hant ? { alternate: { href: 'index.hant.html', script: 'hant' as const } } : {}) }));
      if (hant) writeFileAtomic(join(dir, 'index.hant.html'), renderEdition(bitext, { uiLang, script: 'hant', alternate: { href: 'index.html', script: 'hans' } }));
      const { added, existing } = addUnits(memory, units);
      summary.unitsAdded += added;
      summary.unitsExisting += existing;
      const flagged = bitext.blockLinks.filter((l) => needsReview(l)).length;
      summary.documents.push({ doc: bitext.doc, blockLinks: bitext.blockLinks.length, segmentLinks: bitext.segmentLinks.reduce((n, s) => n + s.length, 0), flagged });
    }
  } finally {
    closeMemory(memory);
  }
  const entries = bitexts.map((b, i) => ({
    doc: b.doc,
    title: { source: b.source[0]?.text ?? b.doc, target: b.target[0]?.text ?? b.doc },
    href: `${encodeURIComponent(b.doc)}/index.html`,
    links: b.blockLinks.length,
    flagged: summary.documents[i].flagged,
  }));
  writeFileAtomic(join(outputDir, 'index.html'), renderIndex(entries, { uiLang }));
  return summary;
}
