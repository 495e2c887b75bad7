/**
 * File formats of alignments:
 * - `.align`: vecalign's format (Thompson & Koehn 2019), one link a line, `[zh ids]:[en ids]`,
 *   ids 0-based and comma-separated, `[]` for an empty side: `[0,1]:[0]`, `[11]:[]`.
 * - `alignment.json`: `{ version, doc, sourceLang, targetLang, blocks: { <sourceLang>: [...], <targetLang>: [...] },
 *   links: [{ source, target, score, segments: [{ source, target, score }] }], segments: { <lang>: [...] } }`
 *   (`AlignmentJson` in `pipeline/types.ts`), written by `toAlignmentJson` and read back by
 *   `bitextFromAlignmentJson` / `readAlignmentJson`.
 */
import { basename, resolve } from 'node:path';
import { blockId, sentenceId, type AlignmentJson, type Bitext, type Block, type BlockId, type BlockLink, type BySide, type Document, type SentenceId, type LanguageTag, type Link, type Segment } from '../types.ts';
import { BitextError, located, readText } from '../io.ts';
import { escapeControls } from '../text/index.ts';

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

/**
 * The `alignment.json` object of a bitext. Blocks and sentences are keyed by language tag;
 * sentence links use document-wide sentence ids, and `segments` lists each language's sentences
 * so the file is readable on its own. Scores are rounded to 4 decimals. A link an editor fixed by
 * hand (a correction, corrections.ts) has `"corrected": true`.
 */
export function toAlignmentJson(bitext: Bitext): AlignmentJson {
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const { source, target } = bitext;
  const blockList = (doc: Document) => doc.blocks.map((b) => ({ index: b.index, kind: b.kind, text: b.text }));
  const segmentList = (doc: Document) => doc.segments.map((s) => ({ index: s.index, block: s.block, text: s.text }));
  return {
    version: ALIGNMENT_JSON_VERSION,
    doc: bitext.doc,
    sourceLang: source.lang,
    targetLang: target.lang,
    blocks: { [source.lang]: blockList(source), [target.lang]: blockList(target) },
    links: bitext.links.map((link) => ({
      source: link.source,
      target: link.target,
      score: round(link.score),
      ...(link.corrected ? { corrected: true as const } : {}),
      segments: link.sentences.map((s) => ({ source: s.source, target: s.target, score: round(s.score) })),
    })),
    segments: { [source.lang]: segmentList(source), [target.lang]: segmentList(target) },
  };
}

/**
 * A `Bitext` from an `alignment.json` object (the reverse of `toAlignmentJson`). Blocks carry only
 * their text (as one text node, kind `paragraph` when absent, position line 0); sentences are
 * located in their block's text, each after the previous one of the same block (at the previous
 * end when not found). Without any sentence the block links have no sentence links. Each
 * document's `file` is `file`; `doc` defaults to the name of the folder holding `file`. Throws
 * `BitextError` (exit 2) naming `file` when the shape is wrong or a link names a block or
 * sentence that does not exist.
 */
export function bitextFromAlignmentJson(data: unknown, file: string): Bitext {
  const bad = (why: string): never => {
    throw new BitextError(located(file, undefined, `not a Bitext alignment.json: ${why}`), { file });
  };
  if (typeof data !== 'object' || data === null) bad('expected a JSON object');
  const json = data as Record<string, unknown>;
  const sourceLang = typeof json.sourceLang === 'string' ? json.sourceLang : bad('no "sourceLang"');
  const targetLang = typeof json.targetLang === 'string' ? json.targetLang : bad('no "targetLang"');
  const blocks = (json.blocks ?? bad('no "blocks"')) as Record<string, unknown>;
  const blockList = (lang: LanguageTag): Block[] => {
    const list = blocks[lang];
    if (!Array.isArray(list)) bad(`no "blocks.${lang}" list`);
    return (list as { index?: number; kind?: string; text?: unknown }[]).map((b, i) => {
      if (typeof b?.text !== 'string') bad(`blocks.${lang}[${i}] has no text`);
      const text = b.text as string;
      return { index: blockId(i), kind: (b.kind as Block['kind']) ?? 'paragraph', text, mdast: [{ type: 'text', value: text }], position: { file, line: 0, column: 0, endLine: 0, endColumn: 0 } };
    });
  };
  const segmentsRaw = (json.segments ?? {}) as Record<string, unknown>;
  const segmentList = (lang: LanguageTag, blocksOf: Block[]): Segment[] => {
    const list = segmentsRaw[lang];
    if (!Array.isArray(list)) return [];
    const cursor = new Map<number, number>();
    return (list as { block: BlockId; text: string }[]).map((s, index) => {
      const block = blocksOf[s.block];
      if (!block || typeof s.text !== 'string') bad(`segments.${lang}[${index}] names no block or has no text`);
      const from = cursor.get(s.block) ?? 0;
      const at = block.text.indexOf(s.text, from);
      const start = at >= 0 ? at : from;
      cursor.set(s.block, start + s.text.length);
      return { block: s.block, index: sentenceId(index), text: s.text, start, end: start + s.text.length };
    });
  };
  const sourceBlocks = blockList(sourceLang);
  const targetBlocks = blockList(targetLang);
  const source: Document = { file, lang: sourceLang, blocks: sourceBlocks, segments: segmentList(sourceLang, sourceBlocks) };
  const target: Document = { file, lang: targetLang, blocks: targetBlocks, segments: segmentList(targetLang, targetBlocks) };
  if (!Array.isArray(json.links)) bad('no "links" list');
  const ids = <Id extends number>(x: unknown, max: number, what: string): Id[] => {
    if (!Array.isArray(x) || x.some((i) => !Number.isInteger(i) || i < 0 || i >= max)) bad(`a link names a ${what} that does not exist`);
    return x as Id[];
  };
  const sentenceCount = source.segments.length + target.segments.length;
  const rawLinks = json.links as { source: unknown; target: unknown; score?: number; corrected?: unknown; segments?: { source: unknown; target: unknown; score?: number }[] }[];
  // Every block link is checked before any sentence link, so the first error reported is a block's.
  const blockLinks = rawLinks.map((l) => ({
    source: ids<BlockId>(l.source, sourceBlocks.length, 'source block'),
    target: ids<BlockId>(l.target, targetBlocks.length, 'target block'),
    score: Number(l.score ?? 1),
    ...(l.corrected === true ? { corrected: true as const } : {}),
  }));
  const links = blockLinks.map((link, k): BlockLink => ({
    ...link,
    sentences:
      sentenceCount === 0
        ? []
        : (rawLinks[k].segments ?? []).map((s) => ({ source: ids<SentenceId>(s.source, source.segments.length, 'source sentence'), target: ids<SentenceId>(s.target, target.segments.length, 'target sentence'), score: Number(s.score ?? 1) })),
  }));
  const doc = typeof json.doc === 'string' ? json.doc : basename(resolve(file, '..'));
  return { doc, source, target, links };
}

/**
 * Read the `alignment.json` file `file` into a `Bitext` (see `bitextFromAlignmentJson`). Throws
 * `BitextError` (exit 2) naming `file` when it cannot be read, is not JSON or not an alignment.
 */
export function readAlignmentJson(file: string): Bitext {
  let data: unknown;
  try {
    data = JSON.parse(readText(file));
  } catch (error) {
    if (error instanceof BitextError) throw error;
    throw new BitextError(located(file, undefined, `not valid JSON: ${(error as Error).message}`), { file, cause: error });
  }
  return bitextFromAlignmentJson(data, file);
}

/**
 * Tab-separated rows, one per link: source ids, target ids, score, source text, target text
 * (texts joined by `join`, tabs and newlines in text replaced by spaces, other control characters
 * escaped by `escapeControls` so that a source cannot drive the terminal).
 */
export function formatTsv(links: readonly Link[], source: readonly string[], target: readonly string[], join: BySide<string>): string {
  const clean = (s: string) => escapeControls(s.replace(/[\t\n]+/g, ' '));
  return links
    .map((l) => [l.source.join(','), l.target.join(','), l.score.toFixed(4), clean(l.source.map((i) => source[i]).join(join.source)), clean(l.target.map((i) => target[i]).join(join.target))].join('\t') + '\n')
    .join('');
}
