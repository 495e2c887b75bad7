/**
 * build — the main job: every document pair under a source folder → aligned bitext → edition,
 * alignment files, TMX and translation-memory entries under an output folder.
 * Reading and aligning every document happens before anything is written, so bad input stops
 * the build with nothing half-written; each file is written atomically.
 */
import { join } from 'node:path';
import type { Bitext } from './types.ts';
import { writeFileAtomic } from './io.ts';
import { findPairs, loadPair } from './pairs.ts';
import { formatAlign, toAlignmentJson } from './formats.ts';
import { addUnits, closeMemory, openMemory, unitsFromBitext, writeTmx } from './memory/index.ts';
import { needsReview, renderEdition, renderIndex } from './publish/index.ts';

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
    bitexts.push(loadPair(pair));
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
