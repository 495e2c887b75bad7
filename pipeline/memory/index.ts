/**
 * The memory stage: an embedded SQLite translation memory with TMX 1.4b import/export, fuzzy
 * lookup and pretranslation. This file only re-exports; each module documents its part:
 * - `store.ts`: `openMemory(path, access?): Memory`, `closeMemory`, `abandonMemory`, `memoryError`, `addUnits(memory, units): { added, existing }`,
 *   `memoryStats`, `iterateUnits`;
 * - `supersede.ts`: `addBuildUnits(memory, units, docs, source, at?)` (a rebuild supersedes the units its
 *   documents no longer produce), `pruneSuperseded(memory)` (`tm prune`);
 * - `bitext.ts`: `unitsFromBitext(bitext, now?)` (origin links `b<k>` / `b<k>s<j>`, see `linkId` in `pipeline/types.ts`);
 * - `tmx-write.ts`: `writeTmx(units, file, options?)`, `exportTmx(memory, file, filter?)`, `exportTmxFrom(backend, file, filter?)` (any back end),
 *   `exportWarning`, `exportWarningOf`, `xmlSafe` (with
 *   `escapeText` and `escapeAttribute` of `tmx-read.ts`, the XML escaping every writer shares);
 * - `tmx-import.ts`: `importTmx(memory, file, options?)`; `tmx-read.ts`: the streaming reader;
 * - `lookup.ts`: `lookup(memory, text, options?)`; `concordance.ts`: `concordance(memory, term, options?)` (`tm concordance`); `score.ts`: `matchScore`, `bandOf`, `BANDS`;
 * - `pretranslate.ts`: `pretranslate(memory, document, options?)`, `pretranslateFile(memory, document, file, options?)`, `recordUsage(memory, ids)`, `leverageReport`;
 * - `draft.ts`: `draftMarkdown(document, segments, targetLang)` (the draft in the document's structure);
 * - `autotranslate.ts`: `substitute(query, hitSource, hitTarget, sourceLang, targetLang)` (numbers, dates,
 *   Latin names and whole technical tokens — 1.2.0, UTF-8 — carried into a fuzzy hit's target), `numbersNote`
 *   (what the draft's marker says of them).
 * - `backend.ts`: `openBackend(spec, access)` — an SQLite path or a `postgres://` URL behind one async
 *   `TmBackend` (its `concordance` the one of `concordance.ts` on either) — with `lookupIn`, `pretranslateFileIn`,
 *   `migrateMemory`; `postgres.ts`: the server back end.
 */
export { openMemory, closeMemory, abandonMemory, memoryError, BUSY_TIMEOUT_MS, addUnits, memoryStats, iterateUnits, unitCount, isoNow } from './store.ts';
export type { Memory, MemoryAccess, AddResult, MemoryStats } from './store.ts';
export { unitsFromBitext } from './bitext.ts';
export { addBuildUnits, pruneSuperseded } from './supersede.ts';
export type { BuildUnitsResult, PrunedUnit } from './supersede.ts';
export { writeTmx, exportTmx, exportTmxFrom, exportWarning, exportWarningOf, BITEXT_VERSION } from './tmx-write.ts';
export { escapeText, escapeAttribute, xmlSafe } from './tmx-read.ts';
export type { TmxWriteOptions, TmxExportFilter } from './tmx-write.ts';
export { importTmx } from './tmx-import.ts';
export type { TmxImportOptions, TmxImportResult } from './tmx-import.ts';
export { lookup } from './lookup.ts';
export { concordance } from './concordance.ts';
export type { ConcordanceHit, ConcordanceMatch, ConcordanceOptions, ConcordanceSide } from './concordance.ts';
export type { LookupOptions } from './lookup.ts';
export { matchScore, bandOf, BANDS } from './score.ts';
export { pretranslate, pretranslateFile, leverageReport, recordUsage } from './pretranslate.ts';
export { draftMarkdown } from './draft.ts';
export { substitute, numbersNote } from './autotranslate.ts';
export type { AutoTranslation, Substitution, Unresolved, UnresolvedReason, Span } from './autotranslate.ts';
export { openBackend, sqliteBackend, lookupIn, pretranslateFileIn, migrateMemory, checkMemorySpec, isMemoryUrl, isPostgresUrl, memoryName } from './backend.ts';
export type { TmBackend, StoredUnit, BuildRecord } from './backend.ts';
export type { Pretranslation, DraftSegment } from './pretranslate.ts';
// The shapes this stage exchanges live in pipeline/types.ts; re-exported for callers of this door.
export type { TranslationUnit, LookupHit, MatchBand, BandCount, LeverageReport } from '../types.ts';
