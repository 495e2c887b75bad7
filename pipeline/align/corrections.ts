/**
 * Corrections: block links an editor fixed by hand (`bitext fix`, pipeline/cli/fix.ts), kept in one
 * file beside a document's sources (`corrections.json`) and honoured by every verb that aligns the
 * document (`loadPair`, pairs.ts): the block search runs between them as fixed anchors
 * (`alignBitext` in align.ts).
 *
 * The file, one correction a line in a stable order so that it reads well in a git diff:
 *
 *     {
 *       "version": 1,
 *       "corrections": [
 *         {"source":[{"block":7,"fingerprint":"1f0c93a2"}],"target":[{"block":6,"fingerprint":"…"},{"block":7,"fingerprint":"…"}]}
 *       ]
 *     }
 *
 * Block ids are those of the aligned documents (after `matchGranularity`, as `alignment.json` and
 * `bitext align` show them). Each block is also named by a fingerprint of its text
 * (`blockFingerprint`), so a correction survives edits elsewhere in the document: on load it is
 * found at its recorded ids, else uniquely elsewhere; a correction whose blocks changed is stale,
 * reported and not applied.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Block, BlockId, Document, Link, Side } from '../types.ts';
import { BitextError, located, readText, writeFileAtomic } from '../io.ts';
import { fnv1a, foldWidth } from '../text/index.ts';
import { formatAlign, parseAlign } from './formats.ts';

/** Name of the corrections file in a document folder. */
export const CORRECTIONS_FILE = 'corrections.json';

/** Version of the corrections file layout. */
export const CORRECTIONS_VERSION = 1;

/** One block of a correction: its id when recorded and the fingerprint of its text (`blockFingerprint`). */
export interface CorrectedBlock {
  block: number;
  fingerprint: string;
}

/** One correction as recorded: the Chinese blocks and the English blocks of one link (one side may be empty). */
export interface Correction {
  source: CorrectedBlock[];
  target: CorrectedBlock[];
}

/** A correction read against the current documents: the link it makes there, or why it is stale. */
export interface ResolvedCorrection {
  correction: Correction;
  /** The link over the current block ids (score 1); absent when stale. */
  link?: Link<BlockId>;
  /** Why the correction is not applied, e.g. `Chinese block 7 changed`; absent when it applies. */
  stale?: string;
  /** The side whose block changed, for a stale correction that is not merely in conflict with an earlier one. */
  changed?: Side;
}

/**
 * The fingerprint of a block's text: 32-bit FNV-1a (pipeline/text/hash.ts) of the text with
 * full-width forms folded (`foldWidth`) and runs of white space made one space, trimmed — so a
 * re-wrapped line or a full-width comma typed as ASCII is no change — as 8 lower-case hex digits.
 */
export function blockFingerprint(text: string): string {
  return (fnv1a(foldWidth(text).replace(/\s+/g, ' ').trim()) >>> 0).toString(16).padStart(8, '0');
}

/** A link in `.align` notation, `[7]:[6,7]` (no newline). */
export function linkLabel(link: Pick<Link, 'source' | 'target'>): string {
  return formatAlign([{ ...link, score: 1 }]).trimEnd();
}

/** The link a correction recorded (its ids as written), in `.align` notation. */
export function correctionLabel(correction: Correction): string {
  return linkLabel({ source: correction.source.map((b) => b.block), target: correction.target.map((b) => b.block) });
}

/**
 * Parse one link in `.align` notation (`[8]:[]`, `[7]:[6,7]`; `parseAlign`) for document pair
 * `source`/`target` and check that it fits: at least one block, ids ascending and consecutive,
 * each naming a block of its document. Returns the link (score 1); throws `BitextError` (exit 2),
 * one line naming `file`, otherwise.
 */
export function parseCorrectionLink(text: string, source: Document, target: Document, file: string): Link<BlockId> {
  const links = parseAlign(text, file);
  const fail = (why: string): never => {
    throw new BitextError(located(file, undefined, `link ${text.trim()} does not fit: ${why}`), { file });
  };
  if (links.length !== 1) fail('expected one link such as [7]:[6,7]');
  const link = links[0] as Link<BlockId>;
  if (link.source.length + link.target.length === 0) fail('it names no block');
  for (const [ids, doc, name] of [[link.source, source, 'Chinese'], [link.target, target, 'English']] as const) {
    ids.forEach((id, k) => {
      if (id >= doc.blocks.length) fail(`the ${name} document has blocks 0–${doc.blocks.length - 1}, not ${id}`);
      if (k > 0 && id !== ids[k - 1] + 1) fail(`${name} blocks ${ids.join(',')} are not consecutive`);
    });
  }
  return link;
}

/**
 * Why links `x` and `y` cannot both be anchors, or null when they can: they share a block, or
 * both have blocks on each side and cross (one is first on the Chinese side, the other on the
 * English side).
 */
export function conflict(x: Pick<Link, 'source' | 'target'>, y: Pick<Link, 'source' | 'target'>): string | null {
  const shared = (a: number[], b: number[]) => a.some((id) => b.includes(id));
  if (shared(x.source, y.source) || shared(x.target, y.target)) return `it overlaps correction ${linkLabel(y)}`;
  const full = (l: Pick<Link, 'source' | 'target'>) => l.source.length > 0 && l.target.length > 0;
  if (full(x) && full(y) && x.source[0] < y.source[0] !== x.target[0] < y.target[0]) return `it crosses correction ${linkLabel(y)}`;
  return null;
}

/**
 * True when `link` (over current block ids) names a block that `correction` recorded, by the ids
 * as recorded, on the same side: a new correction over those blocks replaces `correction` when it
 * is stale (its text changed), so re-confirming a changed link clears its stale report. Used by
 * the review editor (`applyEdit`, pipeline/review/edits.ts) and `bitext fix` (pipeline/cli/fix.ts).
 */
export function overlapsRecorded(correction: Correction, link: Pick<Link, 'source' | 'target'>): boolean {
  const hit = (recorded: CorrectedBlock[], ids: number[]) => recorded.some((b) => ids.includes(b.block));
  return hit(correction.source, link.source) || hit(correction.target, link.target);
}

/** The correction recording `link` over the blocks of `source` and `target` (ids and fingerprints). */
export function correctionOf(link: Pick<Link, 'source' | 'target'>, source: Document, target: Document): Correction {
  const side = (ids: number[], blocks: Block[]) => ids.map((block) => ({ block, fingerprint: blockFingerprint(blocks[block].text) }));
  return { source: side(link.source, source.blocks), target: side(link.target, target.blocks) };
}

/**
 * Where the blocks of one side of a correction are now in `blocks`: at their recorded ids when
 * every fingerprint matches there, else at the one place where consecutive blocks match them all;
 * `null` when they match nowhere or at several places.
 */
function locate(recorded: readonly CorrectedBlock[], blocks: readonly Block[]): number[] | null {
  const fingerprints = blocks.map((b) => blockFingerprint(b.text));
  const matchesAt = (start: number) => recorded.every((r, k) => fingerprints[start + k] === r.fingerprint);
  if (recorded.length === 0) return [];
  if (matchesAt(recorded[0].block)) return recorded.map((r) => r.block);
  const starts = fingerprints.flatMap((_, start) => (start + recorded.length <= blocks.length && matchesAt(start) ? [start] : []));
  return starts.length === 1 ? recorded.map((_, k) => starts[0] + k) : null;
}

/**
 * Read `corrections` against the current documents `source` and `target` (`locate` each side):
 * in the order given, a correction applies when both its sides are found and it conflicts with
 * no earlier correction that applies (`conflict`); otherwise it is stale, with the reason
 * (`block 7 changed`: the recorded block's text is at no single place; `it overlaps…`).
 */
export function resolveCorrections(corrections: readonly Correction[], source: Document, target: Document): ResolvedCorrection[] {
  const applied: Link<BlockId>[] = [];
  return corrections.map((correction) => {
    const zh = locate(correction.source, source.blocks);
    const en = locate(correction.target, target.blocks);
    if (!zh) return { correction, stale: `Chinese block ${correction.source[0].block} changed`, changed: 'source' as const };
    if (!en) return { correction, stale: `English block ${correction.target[0].block} changed`, changed: 'target' as const };
    const link = { source: zh as BlockId[], target: en as BlockId[], score: 1 };
    const why = applied.map((other) => conflict(link, other)).find((c) => c !== null);
    if (why) return { correction, stale: why };
    applied.push(link);
    return { correction, link };
  });
}

/**
 * The corrections recorded in document folder `dir` (`CORRECTIONS_FILE`), in file order; none
 * when there is no such file. Throws `BitextError` (exit 2) naming the file when it is not a
 * corrections file.
 */
export function readCorrections(dir: string): Correction[] {
  const file = join(dir, CORRECTIONS_FILE);
  if (!existsSync(file)) return [];
  const bad = (why: string): never => {
    throw new BitextError(located(file, undefined, `not a Bitext corrections file: ${why}`), { file });
  };
  let data: { version?: unknown; corrections?: unknown };
  try {
    data = JSON.parse(readText(file));
  } catch (error) {
    if (error instanceof BitextError) throw error;
    return bad((error as Error).message);
  }
  if (data?.version !== CORRECTIONS_VERSION) bad(`expected "version": ${CORRECTIONS_VERSION}`);
  if (!Array.isArray(data.corrections)) bad('no "corrections" list');
  const blocksOf = (x: unknown): CorrectedBlock[] => {
    const ok = Array.isArray(x) && x.every((b) => Number.isInteger(b?.block) && b.block >= 0 && typeof b.fingerprint === 'string');
    return ok ? (x as CorrectedBlock[]).map(({ block, fingerprint }) => ({ block, fingerprint })) : bad('a correction needs "source" and "target" lists of { block, fingerprint }');
  };
  return (data.corrections as Correction[]).map((c) => ({ source: blocksOf(c?.source), target: blocksOf(c?.target) }));
}

/**
 * Write `corrections` to `dir`'s corrections file atomically (`writeFileAtomic`), sorted by their
 * first Chinese block, then their first English block (an empty side sorting first), as
 * JSON with one correction a line — a stable text for git. Throws `BitextError` (exit 2) when it cannot be written.
 */
export function writeCorrections(dir: string, corrections: readonly Correction[]): void {
  const key = (c: Correction) => [c.source[0]?.block ?? -1, c.target[0]?.block ?? -1];
  const sorted = [...corrections].sort((x, y) => {
    const [a, b] = [key(x), key(y)];
    return a[0] - b[0] || a[1] - b[1];
  });
  // One correction a line: a git diff shows each added, removed or moved correction as one line.
  const lines = sorted.map((c) => `    ${JSON.stringify(c)}`).join(',\n');
  writeFileAtomic(join(dir, CORRECTIONS_FILE), `{\n  "version": ${CORRECTIONS_VERSION},\n  "corrections": [${lines ? `\n${lines}\n  ` : ''}]\n}\n`);
}
