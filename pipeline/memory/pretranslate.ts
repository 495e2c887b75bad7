/**
 * Pretranslation: fill each segment of a new source document with its best translation-memory
 * hit, and the leverage report (segments and characters per match band, memoQ's bands).
 *
 * Per segment the best hit of `lookup` (score ≥ `min`, default 50) is used; among equal scores a
 * hit "in context" wins. A 100 hit is in context (band 101) when the previous segment's hit is
 * also 100, from the same origin document, and its link (`b<k>s<j>`, or `b<k>` read as `b<k>s0`)
 * comes before this hit's link, at most one block link earlier (for the first segment: the hit is
 * that document's first link, `b0` or `b0s0`). Characters are counted as non-whitespace code points of the source segment.
 * The draft is Markdown in the document's structure (see `draft.ts`): exact hits as the target
 * text, other hits prefixed `[fuzzy NN%]`, segments without a hit kept in the source language
 * (with their inline Markdown) prefixed `[no match]`.
 * A fuzzy hit's target gets the query's numbers, dates, Latin names and technical tokens (each
 * whole: a version 2.0.1, an address, UTF-16) where its source differs from the query only in
 * those (`substitute`, autotranslate.ts); the hit keeps its score and band
 * (the rest of the target is still a fuzzy match to review, as memoQ keeps the score of a match
 * with auto-translatables substituted), and its marker says so: `[fuzzy 97%, numbers substituted]`,
 * or names what still differs: `[fuzzy 85%, numbers differ: 50.3 → 29.2]` (`numbersNote`). The
 * leverage report counts both kinds of segment (`numbers`).
 *
 * `pretranslate` only reads the memory. The caller raises the usage counts of the units used
 * (`recordUsage(memory, result.used)`) after the draft is written, so a failed run leaves the
 * translation memory as it was.
 */
import { parseLinkId, type Document, type LanguageTag, type LeverageReport, type LookupHit, type MatchBand, type SentenceId } from '../types.ts';
import { draftMarkdown, type DraftPiece } from './draft.ts';
import { writeFileAtomic } from '../io.ts';
import { lookup } from './lookup.ts';
import { BANDS, bandOf } from './score.ts';
import type { Memory } from './store.ts';
import { isChinese } from '../text/index.ts';
import { numbersNote, substitute, type AutoTranslation } from './autotranslate.ts';

/** Options of `pretranslate`. */
export interface PretranslateOptions {
  /** Language of the draft; default `en` for a Chinese document, else `zh-Hans`. */
  targetLang?: LanguageTag;
  min?: number;
}

/** One segment of the draft. `score` 101 marks a context match; null when there was no hit. */
export interface DraftSegment extends DraftPiece {
  index: SentenceId;
  band: MatchBand;
  hit: LookupHit | null;
  /** What `substitute` did to a fuzzy hit's target; null for an exact hit or no hit. */
  numbers: AutoTranslation | null;
}

/** Result of `pretranslate`: the segments, the Markdown draft, the report and the units used. */
export interface Pretranslation {
  segments: DraftSegment[];
  /** Ids of the units used in the draft, one per segment filled (a unit used twice is listed twice). */
  used: number[];
  draft: string;
  report: LeverageReport;
}

/** `[block link, sentence link]` of a TM origin link id, `b<k>` read as `b<k>s0`; null for another id. */
function linkOrder(link: string): [number, number] | null {
  const id = parseLinkId(link);
  return id ? [id.block, id.sentence ?? 0] : null;
}

/** Does hit `current` follow `previous` (or the document start when null) in its origin document? */
function inContext(previous: LookupHit | null, current: LookupHit, first: boolean): boolean {
  if (!current.origin) return false;
  const here = linkOrder(current.origin.link);
  if (!here) return false;
  if (first) return here[0] === 0 && here[1] === 0;
  if (!previous?.origin || previous.score < 100 || previous.origin.doc !== current.origin.doc) return false;
  const before = linkOrder(previous.origin.link);
  if (!before) return false;
  return (before[0] === here[0] && before[1] < here[1]) || (before[0] < here[0] && here[0] - before[0] <= 1);
}

/** Count non-whitespace code points. */
export function characterCount(text: string): number {
  let n = 0;
  for (const ch of text) if (!/\s/u.test(ch)) n++;
  return n;
}

/**
 * Leverage report of draft segments (every band listed, best first), with the segments whose
 * target had numbers substituted and those whose draft names numbers that differ (one segment can
 * be both).
 */
export function leverageReport(doc: string, sourceLang: LanguageTag, targetLang: LanguageTag, segments: readonly DraftSegment[]): LeverageReport {
  const bands = BANDS.map((band) => ({ band, segments: 0, characters: 0 }));
  for (const s of segments) {
    const row = bands.find((b) => b.band === s.band)!;
    row.segments++;
    row.characters += characterCount(s.source);
  }
  return {
    doc,
    sourceLang,
    targetLang,
    bands,
    total: { segments: segments.length, characters: bands.reduce((n, b) => n + b.characters, 0) },
    numbers: {
      substituted: segments.filter((s) => (s.numbers?.substitutions.length ?? 0) > 0).length,
      differ: segments.filter((s) => (s.numbers?.unresolved.length ?? 0) > 0).length,
    },
  };
}

/**
 * Pretranslate `document` (read and segmented) from `memory` (module comment). Reads the memory
 * only: pass `result.used` to `recordUsage` once the draft is safely written. Throws `Error` for a
 * bad language tag.
 */
export function pretranslate(memory: Memory, document: Document, options: PretranslateOptions = {}): Pretranslation {
  return pretranslateWith(document, options, (text, lookupOptions) => lookup(memory, text, lookupOptions));
}

/** The languages and threshold `pretranslate` looks each segment up with (module comment). */
export function segmentLookupOptions(document: Document, options: PretranslateOptions): { sourceLang: LanguageTag; targetLang: LanguageTag; min: number; max: number } {
  return { sourceLang: document.lang, targetLang: options.targetLang ?? (isChinese(document.lang) ? 'en' : 'zh-Hans'), min: options.min ?? 50, max: 10 };
}

/**
 * `pretranslate` with the hits of each segment from `hitsOf` (called once per segment, in order,
 * with `segmentLookupOptions`): the one drafting of every back end (pipeline/memory/backend.ts).
 */
export function pretranslateWith(document: Document, options: PretranslateOptions, hitsOf: (text: string, lookupOptions: ReturnType<typeof segmentLookupOptions>) => LookupHit[]): Pretranslation {
  const lookupOptions = segmentLookupOptions(document, options);
  const { sourceLang, targetLang } = lookupOptions;
  const segments: DraftSegment[] = [];
  let previous: LookupHit | null = null;
  for (const segment of document.segments) {
    const hits = hitsOf(segment.text, lookupOptions);
    let hit: LookupHit | null = hits[0] ?? null;
    let context = false;
    if (hit && hit.score >= 100) {
      const inCtx = hits.find((h) => h.score >= 100 && inContext(previous, h, segments.length === 0));
      if (inCtx) { hit = inCtx; context = true; }
    }
    const score = hit ? (context ? 101 : hit.score) : null;
    const numbers = hit && hit.score < 100 ? substitute(segment.text, hit.source, hit.target, hit.sourceLang, hit.targetLang) : null;
    segments.push({
      index: segment.index, block: segment.block, start: segment.start, end: segment.end, source: segment.text,
      target: numbers?.text ?? hit?.target ?? null, score, band: bandOf(score), hit, numbers, note: numbers && numbersNote(numbers),
    });
    previous = hit;
  }
  return {
    segments,
    used: segments.flatMap((s) => (s.hit ? [s.hit.id] : [])),
    draft: draftMarkdown(document, segments, targetLang),
    // code blocks are not translated (the draft keeps them), so they are not counted either
    report: leverageReport(document.file, sourceLang, targetLang, segments.filter((s) => document.blocks[s.block]?.kind !== 'code')),
  };
}

/**
 * Raise the usage count (TMX `usagecount`) of each unit id in `ids` by one per occurrence, in one
 * SQLite transaction (all or nothing). Ids not in the memory are ignored. Returns the number of
 * increments applied.
 */
export function recordUsage(memory: Memory, ids: readonly number[]): number {
  const used = memory.db.prepare('UPDATE units SET usage = usage + 1 WHERE id = ?');
  return memory.db.transaction(() => {
    let n = 0;
    for (const id of ids) n += used.run(id).changes;
    return n;
  })();
}

/**
 * Pretranslate `document`, write the draft to `file` (atomically: `writeFileAtomic`), and only
 * then raise the usage counts of the units used (`recordUsage`). When writing fails the error
 * (from `writeFileAtomic`, naming the file) propagates and the memory is left unchanged.
 */
export function pretranslateFile(memory: Memory, document: Document, file: string, options: PretranslateOptions = {}): Pretranslation {
  const result = pretranslate(memory, document, options);
  writeFileAtomic(file, result.draft);
  recordUsage(memory, result.used);
  return result;
}
