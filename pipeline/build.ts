/**
 * build — the main job: every document pair under a source folder → aligned bitext → edition,
 * alignment files, TMX and translation-memory entries under an output folder.
 *
 * Whole or nothing. The order, and why:
 * 1. every output name is checked (`checkOutputPlaces`) and every input read and aligned — bad
 *    input or a clash of names stops the build before anything is written;
 * 2. every file is staged: written in full and synced as a temporary file beside its target
 *    (`Staging`, pipeline/io.ts) — a full disk or any other write failure stops here, the
 *    temporary files are removed and nothing visible has changed;
 * 3. the translation memory takes the new units in one transaction, superseding the units of the
 *    documents built that their new alignment no longer has (pipeline/memory/supersede.ts) — a
 *    locked or unusable memory stops here, again with nothing changed;
 * 4. the staged files are renamed into place, document by document (each edition after its
 *    alignment files), the list page last — renames need no space and take microseconds.
 * So the memory is never behind the published files: every unit of a file in place is in the
 * memory. A kill before step 4 leaves the old files and the temporary files of a process that is
 * gone, which the next build removes (`removeStaleOutputTemporaries`); a kill during step 4
 * leaves some documents new and some old, and the next build (adding no unit twice) completes it.
 */
import { accessSync, constants, existsSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { parseLinkId, type Bitext, type Finding, type TranslationUnit } from './types.ts';
import { BitextError, checkWritableFolder, located, realPath, removeStaleTemporaries, Staging } from './io.ts';
import { findPairs, loadPair, type DocumentPair } from './align/index.ts';
import { formatAlign, toAlignmentJson } from './align/index.ts';
import { checkMemorySpec, isPostgresUrl, openBackend, unitsFromBitext, writeTmx, type BuildUnitsResult } from './memory/index.ts';
import { documentTitle, renderEdition, renderIndex } from './publish/index.ts';
import { checkBitext, toReview } from './check/index.ts';
import { isTraditional } from './text/index.ts';

/** Options of `build`. */
export interface BuildOptions {
  /** Translation memory: a file or a `postgres://` URL (pipeline/memory/backend.ts); default `<outputDir>/memory.sqlite`. */
  memory?: string;
  /** Interface language of the edition (BCP 47; resolved with fallback by publish). Default `en`. */
  uiLang?: string;
  /** Also write a Traditional Chinese edition (`index.hant.html`) when `hant`. */
  script?: 'hans' | 'hant';
  /** Told of each entry of the source folder skipped with a warning (see `findPairs`) and of each document split one paragraph a line (see `loadPair`). */
  onWarning?: (message: string) => void;
  /** Keep the units of block links `check` reports an error on (`checkBitext`, pipeline/check/check.ts) out of
   * the memory and the documents' TMX files, so lookup never offers them until an editor confirms
   * them; without it they are stored and only counted (`BuildSummary.unitsWithErrors`). */
  strict?: boolean;
  /** Called after each document is aligned: (done, total, doc). */
  onProgress?: (done: number, total: number, doc: string) => void;
}

/** What `build` did. */
export interface BuildSummary {
  documents: { doc: string; blockLinks: number; segmentLinks: number; flagged: number }[];
  unitsAdded: number;
  unitsExisting: number;
  /** Units of these documents from earlier builds that this build's alignment no longer has, now superseded. */
  unitsSuperseded: number;
  /** Superseded units this build produced again, now current again. */
  unitsRestored: number;
  /** Units (block and sentence links) of block links with `check` errors: stored unless `strict`, left out with it. */
  unitsWithErrors: number;
  /** Whether the build ran with `strict` (those units left out). */
  strict: boolean;
  memory: string;
}

/**
 * The main job (`bitext build`, `npm start`): for every pair under `sourceDir` write
 * `<outputDir>/<doc>/{index.html, alignment.json, alignment.align, memory.tmx}`, the list page
 * `<outputDir>/index.html`, and add every block and sentence link to the translation memory in
 * one transaction (building the same pair again adds no units; the units of a document's previous
 * alignment that the new one lacks are superseded, `addBuildUnits`). Whole or nothing, in the order
 * the module comment gives: every name checked, every input read and aligned, every file staged,
 * then the memory, then the files put in place (the list page last). With `strict`, the units of
 * block links `check` reports an error on are left out of the memory and TMX files; either way
 * the summary counts them (`unitsWithErrors`). Throws `BitextError` (exit 2)
 * on bad input, an unusable output place or a failed write, with the output and memory unchanged.
 */
export async function build(sourceDir: string, outputDir: string, options: BuildOptions = {}): Promise<BuildSummary> {
  const pairs = findPairs(sourceDir, { onWarning: options.onWarning });
  const memoryFile = options.memory ?? join(outputDir, 'memory.sqlite');
  checkOutputPlaces(outputDir, memoryFile, pairs);
  const bitexts: Bitext[] = [];
  for (const pair of pairs) {
    bitexts.push(loadPair(pair, options.onWarning));
    options.onProgress?.(bitexts.length, pairs.length, pair.doc);
  }
  // check runs once a document: its findings split the units, mark the editions' rows and make the list page's count.
  const findings = bitexts.map((bitext) => checkBitext(bitext));
  const checked = bitexts.map((bitext, i) => splitByErrors(findings[i], unitsFromBitext(bitext)));
  const strict = options.strict === true;
  const units = checked.map((c) => (strict ? c.clean : [...c.clean, ...c.withErrors]));
  const unitsWithErrors = checked.reduce((n, c) => n + c.withErrors.length, 0);
  const uiLang = options.uiLang ?? 'en';
  removeStaleOutputTemporaries(outputDir);
  const staging = new Staging();
  try {
    const documents = bitexts.map((bitext, i) => stageDocument(staging, bitext, findings[i], units[i], join(outputDir, bitext.doc), uiLang, options.script));
    const entries = bitexts.map((b, i) => ({
      doc: b.doc,
      title: { source: documentTitle(b.source) ?? b.doc, target: documentTitle(b.target) ?? b.doc },
      href: `${encodeURIComponent(b.doc)}/index.html`,
      links: b.links.length,
      flagged: documents[i].flagged,
      lang: { source: b.source.lang, target: b.target.lang },
      ...(withHant(b, options.script) ? { alternate: { href: `${encodeURIComponent(b.doc)}/index.hant.html`, script: 'hant' as const } } : {}),
    }));
    staging.write(join(outputDir, 'index.html'), renderIndex(entries, { uiLang }));
    const memory = await openBackend(memoryFile, 'create');
    let result: BuildUnitsResult;
    try {
      result = await memory.addBuild(units.flat(), bitexts.map((b) => b.doc), realPath(sourceDir));
    } catch (error) {
      // A memory this build created is removed again: a failed build leaves no new file behind.
      await memory.abandon();
      throw error;
    }
    await memory.close();
    staging.commit();
    return { documents, unitsAdded: result.added, unitsExisting: result.existing, unitsSuperseded: result.superseded, unitsRestored: result.restored, unitsWithErrors, strict, memory: memoryFile };
  } catch (error) {
    staging.discard();
    throw error;
  }
}

/**
 * `units` (of a bitext, from `unitsFromBitext`) split by whether `findings` (`checkBitext` of that
 * bitext) hold an error on the block link they come from (a sentence unit `b6s2` follows its
 * block link `b6`), each part in the order given.
 */
function splitByErrors(findings: readonly Finding[], units: TranslationUnit[]): { clean: TranslationUnit[]; withErrors: TranslationUnit[] } {
  const errorLinks = new Set(findings.filter((f) => f.level === 'error').map((f) => f.link));
  const clean: TranslationUnit[] = [];
  const withErrors: TranslationUnit[] = [];
  for (const unit of units) {
    const link = unit.origin ? parseLinkId(unit.origin.link) : null;
    (link && errorLinks.has(link.block) ? withErrors : clean).push(unit);
  }
  return { clean, withErrors };
}

/**
 * Remove what killed builds left in `outputDir` and each folder in it, documents no longer in the
 * source included (`Staging` cleans only the folders it writes to).
 */
function removeStaleOutputTemporaries(outputDir: string): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(outputDir, { withFileTypes: true });
  } catch {
    return; // not made yet
  }
  removeStaleTemporaries(outputDir);
  for (const entry of entries) if (entry.isDirectory()) removeStaleTemporaries(join(outputDir, entry.name));
}

/** Whether the build writes a Traditional Chinese edition of `bitext` too. */
function withHant(bitext: Bitext, script: BuildOptions['script']): boolean {
  return script === 'hant' && !isTraditional(bitext.source.lang);
}

/** Stage the files of one document in `dir` (its edition last) and say what it holds; `findings` are `checkBitext(bitext)`. */
function stageDocument(staging: Staging, bitext: Bitext, findings: readonly Finding[], units: TranslationUnit[], dir: string, uiLang: string, script: BuildOptions['script']): BuildSummary['documents'][number] {
  staging.write(join(dir, 'alignment.align'), formatAlign(bitext.links));
  staging.write(join(dir, 'alignment.json'), JSON.stringify(toAlignmentJson(bitext), null, 2) + '\n');
  writeTmx(units, join(dir, 'memory.tmx'), { staging });
  const hant = withHant(bitext, script);
  if (hant) staging.write(join(dir, 'index.hant.html'), renderEdition(bitext, { uiLang, findings, script: 'hant', alternate: { href: 'index.html', script: 'hans' } }));
  else staging.remove(join(dir, 'index.hant.html'));
  staging.write(join(dir, 'index.html'), renderEdition(bitext, { uiLang, findings, ...(hant ? { alternate: { href: 'index.hant.html', script: 'hant' as const } } : {}) }));
  // The list page counts what the edition's review queue counts (pipeline/check/review.ts).
  const flagged = toReview(bitext.links, findings).length;
  return { doc: bitext.doc, blockLinks: bitext.links.length, segmentLinks: bitext.links.reduce((n, l) => n + l.sentences.length, 0), flagged };
}

/** The files `build` writes for one document, in `<outputDir>/<doc>/`. */
const DOCUMENT_FILES = ['alignment.align', 'alignment.json', 'memory.tmx', 'index.hant.html', 'index.html'];

/**
 * Check, without writing, that the build can write where it will: the output folder and each
 * `<outputDir>/<doc>` folder are folders or can be made (`checkWritableFolder`), the memory file is
 * not a folder and is writable, no output folder is, holds or lies inside a source document
 * folder (compared after resolving symbolic links), and no two outputs share a name: a document
 * folder may not take the list page's name (`index.html`) or the memory's (`memory.sqlite` and its
 * `-wal`, `-shm`, `-journal` files), the memory may not be one of the files written, and no file
 * written may be a folder now. Throws `BitextError` (exit 2) naming the path.
 */
export function checkOutputPlaces(outputDir: string, memoryFile: string, pairs: readonly DocumentPair[]): void {
  checkMemorySpec(memoryFile);
  // A server memory (postgres://) shares no name with the output files.
  const server = isPostgresUrl(memoryFile);
  const inside = (path: string, dir: string) => path === dir || path.startsWith(dir + sep);
  const out = realPath(outputDir);
  const listing = join(outputDir, 'index.html');
  const memoryNames = new Set(server ? [] : ['', '-wal', '-shm', '-journal'].map((suffix) => realPath(memoryFile + suffix)));
  const files = [listing];
  for (const pair of pairs) {
    const source = realPath(pair.dir);
    const docDir = join(outputDir, pair.doc);
    const docOut = realPath(docDir);
    if (inside(out, source) || inside(source, docOut)) {
      throw new BitextError(located(outputDir, undefined, `the output would be written into the source folder ${pair.dir}: choose another output folder`), { file: outputDir });
    }
    if (docOut === realPath(listing) || memoryNames.has(docOut)) {
      const what = docOut === realPath(listing) ? `the list page ${listing}` : `the translation memory ${memoryFile}`;
      throw new BitextError(located(pair.dir, undefined, `a document folder named "${pair.doc}" would take the place of ${what}: rename the folder`), { file: pair.dir });
    }
    checkWritableFolder(docDir);
    files.push(...DOCUMENT_FILES.map((name) => join(docDir, name)));
  }
  for (const file of files) {
    if (memoryNames.has(realPath(file))) {
      throw new BitextError(located(memoryFile, undefined, `the translation memory would be overwritten by the output file ${file}: choose another memory file`), { file: memoryFile });
    }
    if (existsSync(file) && statSync(file).isDirectory()) throw new BitextError(located(file, undefined, 'is a folder, expected a file the build writes'), { file });
  }
  if (server) return;
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
