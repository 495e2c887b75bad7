/**
 * File formats of alignments (DESIGN.md "File formats"):
 * - `.align`: vecalign's format (Thompson & Koehn 2019), one link a line, `[zh ids]:[en ids]`,
 *   ids 0-based and comma-separated, `[]` for an empty side: `[0,1]:[0]`, `[11]:[]`.
 * - `alignment.json`: `{ version, sourceLang, targetLang, blocks: { <sourceLang>: [...], <targetLang>: [...] },
 *   links: [{ source, target, score, segments: [{ source, target, score }] }] }`.
 */
import type { Bitext, Link } from '../types.ts';
import { BitextError, located } from '../io.ts';

/** Version of the `alignment.json` layout written by `toAlignmentJson`. */
export const ALIGNMENT_JSON_VERSION = 1;

/** Vecalign lines for `links`, one per link, each ending in "\n"; scores are not written. */
export function formatAlign(links: readonly Link[]): string {
  return links.map((l) => `[${l.source.join(',')}]:[${l.target.join(',')}]\n`).join('');
}

/**
 * Parse vecalign lines into links (score 1). Blank lines are skipped. Throws `BitextError`
 * (exit 2) naming `file` and the line of the first malformed line.
 */
export function parseAlign(text: string, file = '<align>'): Link[] {
  const links: Link[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const m = /^\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\](?:\s*:\s*(-?[\d.eE+-]+))?$/.exec(line);
    if (!m) throw new BitextError(located(file, i + 1, `not a vecalign link "[i,j]:[k]": ${line.slice(0, 60)}`), { file, line: i + 1 });
    const ids = (s: string) => (s.trim() === '' ? [] : s.split(',').map((x) => Number(x.trim())));
    links.push({ source: ids(m[1]), target: ids(m[2]), score: 1 });
  });
  return links;
}

/** The alignment as written to `alignment.json` */
export interface AlignmentJson {
  version: number;
  doc: string;
  sourceLang: string;
  targetLang: string;
  blocks: Record<string, { index: number; kind: string; text: string }[]>;
  links: { source: number[]; target: number[]; score: number; segments: { source: number[]; target: number[]; score: number }[] }[];
  segments: Record<string, { index: number; block: number; text: string }[]>;
}

/**
 * The `alignment.json` object of a bitext. Blocks are keyed by language tag; segment links use
 * document-wide segment ids, and `segments` (an addition to DESIGN.md) lists each language's
 * sentences so the file is readable on its own. Scores are rounded to 4 decimals.
 */
export function toAlignmentJson(bitext: Bitext): AlignmentJson {
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const blockList = (blocks: Bitext['source']) => blocks.map((b) => ({ index: b.index, kind: b.kind, text: b.text }));
  const segmentList = (segments: Bitext['sourceSegments']) => segments.map((s) => ({ index: s.index, block: s.block, text: s.text }));
  return {
    version: ALIGNMENT_JSON_VERSION,
    doc: bitext.doc,
    sourceLang: bitext.sourceLang,
    targetLang: bitext.targetLang,
    blocks: { [bitext.sourceLang]: blockList(bitext.source), [bitext.targetLang]: blockList(bitext.target) },
    links: bitext.blockLinks.map((link, k) => ({
      source: link.source,
      target: link.target,
      score: round(link.score),
      segments: (bitext.segmentLinks[k] ?? []).map((s) => ({ source: s.source, target: s.target, score: round(s.score) })),
    })),
    segments: { [bitext.sourceLang]: segmentList(bitext.sourceSegments), [bitext.targetLang]: segmentList(bitext.targetSegments) },
  };
}

/**
 * Tab-separated rows, one per link: source ids, target ids, score, source text, target text
 * (texts joined by `join`, tabs and newlines in text replaced by spaces).
 */
export function formatTsv(links: readonly Link[], source: readonly string[], target: readonly string[], join: { source: string; target: string }): string {
  const clean = (s: string) => s.replace(/[\t\n]+/g, ' ');
  return links
    .map((l) => [l.source.join(','), l.target.join(','), l.score.toFixed(4), clean(l.source.map((i) => source[i]).join(join.source)), clean(l.target.map((i) => target[i]).join(join.target))].join('\t') + '\n')
    .join('');
}
