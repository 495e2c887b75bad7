/**
 * align — block and sentence alignment of a Chinese source with its English translation.
 *
 * One entry point, `alignWithin`, serves every granularity: it aligns two sequences of units
 * inside given regions — the whole sequences, or the block links of a document — in two passes
 * over all the regions together. `alignSequences` aligns two whole sequences (presegmented
 * sentences, or blocks); `alignDocument` aligns a document's blocks, then the sentences inside
 * each block link. The granularity is an option: blocks get the structure rule for headings and
 * captions (and table rows' keys, `rowKey`) and the block weights (`BLOCK_WEIGHTS`), sentences
 * neither but the identity of sentences written alike without Han characters (`segmentIdentity`).
 *
 * Link `score` (in [0, 1]): the link confidence of the last pass's scorer (`linkConfidence` in
 * `scorer.ts`) — for a link with both sides, the mean of the lexical similarity of the two spans
 * (share of words with a dictionary or learned translation on the other side, see `lexical.ts`)
 * and the length agreement 2·(1 − Φ(|δ|)) (Gale & Church 1993); 0 for 1-0 and 0-1 links, which
 * have no evidence of a counterpart. A link fixed by hand (an anchor, `AlignOptions.anchors`) scores 1.
 */
import type { Bitext, Block, BlockId, BlockKind, BlockLink, Document, Link, Segment, SentenceLink } from '../types.ts';
import { sentencesByBlock } from '../segment/index.ts';
import { isNoteBlock } from '../text/index.ts';
import { loadLexicon, type Lexicon } from './lexicon/cedict.ts';
import { blockIdentity, chineseFeatures, rowKey, segmentIdentity, createVocabulary, englishFeatures, englishNames, type UnitFeatures } from './features.ts';
import { firstPass, searchBand, type BandSearch, type CoreOptions } from './core.ts';
import { addTranslations, learnTranslations, type Model1Options } from './model1.ts';
import { BLOCK_WEIGHTS, DEFAULT_WEIGHTS, fitLengthModel, linkConfidence, linkTypes, type LengthModel, type ScorerWeights, type UnitKinds } from './scorer.ts';
import type { PathLink } from './search.ts';
import { detectMoves } from './moves.ts';
import { matchGranularity } from './granularity.ts';
import { correctionLabel, resolveCorrections, type Correction } from './corrections.ts';

// check flags row links whose keys differ with the rule the block search uses.
export { rowKey } from './features.ts';

/** One unit to align: a sentence (text only) or a block (text with its kind and heading/list depth, read at block granularity only). */
export interface AlignUnit {
  text: string;
  kind?: BlockKind;
  depth?: number;
  /** An `image` block's URLs (`Block.src`): its identity, where its text is a translated alt text. */
  src?: string;
  /** A `tableRow` block's cells (`Block.table`): its first cell may key the row (`rowKey`). */
  table?: Block['table'];
}

/** What the units of an alignment are: blocks (paragraphs, headings…) or sentences. */
export type Granularity = 'block' | 'sentence';

/** Options of `alignDocument` and `alignBitext` (and, with a granularity, `alignWithin` / `alignSequences`); all optional. */
export interface AlignOptions {
  /** Bilingual lexicon (default: CC-CEDICT via `loadLexicon`). */
  lexicon?: Lexicon;
  /** Scorer weights overriding `DEFAULT_WEIGHTS` (for blocks, `BLOCK_WEIGHTS` over them). */
  weights?: Partial<ScorerWeights>;
  /** Fixed length model; default: fitted to the two sequences. */
  length?: LengthModel;
  /** Largest number of units on one side of a link (default 4) and on both sides together (default 5). */
  maxSide?: number;
  maxSum?: number;
  /** Half-width of the first pass's band around the coarse path, in units (default 4; 3 to 8 give the same Bible alignment). */
  bandWidth?: number;
  /** Half-width of the second pass's band around the first path, in units (default 3). */
  secondBandWidth?: number;
  /** Run the second pass (refitted length variance, Model 1 word pairs); default true. */
  secondPass?: boolean;
  /** Learn word pairs with Model 1 in the second pass; default true. */
  model1?: boolean;
  model1Options?: Model1Options;
  /** Told, as one line `file: warning: …`, of what `alignBitext` changed in a document (`matchGranularity`) and of each stale correction. */
  onWarning?: (message: string) => void;
  /**
   * Block links fixed in advance (`alignDocument`): ids ascending and consecutive, no two sharing a
   * block or crossing (`conflict`, corrections.ts). The block search runs between them; each is a
   * link of the result with score 1 and `corrected: true`.
   */
  anchors?: readonly Link[];
  /** Corrections recorded for the document (`readCorrections`, corrections.ts): `alignBitext` reads them against the documents and anchors those that still apply. */
  corrections?: readonly Correction[];
}

/** Options of `alignWithin` and `alignSequences`: `AlignOptions` and the granularity. */
export interface SequenceOptions extends AlignOptions {
  /**
   * `'sentence'` (default) or `'block'`: blocks are scored with the structure rule over their
   * `kind` and `depth` (a heading or caption links only with its like, `StructureScorer`) and
   * with `BLOCK_WEIGHTS`; a sentence's `kind` is ignored.
   */
  granularity?: Granularity;
}

/** A part of two sequences aligned on its own: source units [i, i + a) with target units [j, j + b). */
export type Region = Omit<PathLink, 'cost'>;

interface Prepared {
  zh: UnitFeatures[];
  en: UnitFeatures[];
}

function prepare(source: readonly AlignUnit[], target: readonly AlignUnit[], lexicon: Lexicon): Prepared {
  const vocabulary = createVocabulary(lexicon);
  const enTexts = target.map((u) => u.text);
  const names = englishNames(enTexts);
  return { zh: chineseFeatures(source.map((u) => u.text), vocabulary, names), en: englishFeatures(enTexts, vocabulary) };
}

function range(start: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => start + k);
}

/** The units of `region` in `p` (and their kinds, for blocks). */
function regionOf(p: Prepared, region: Region, kinds?: UnitKinds): Prepared & { structure?: UnitKinds } {
  const { i, a, j, b } = region;
  const structure = kinds && {
    zh: kinds.zh?.slice(i, i + a),
    en: kinds.en?.slice(j, j + b),
    zhDepth: kinds.zhDepth?.slice(i, i + a),
    enDepth: kinds.enDepth?.slice(j, j + b),
    zhIdentity: kinds.zhIdentity?.slice(i, i + a),
    enIdentity: kinds.enIdentity?.slice(j, j + b),
    zhNote: kinds.zhNote?.slice(i, i + a),
    enNote: kinds.enNote?.slice(j, j + b),
    zhKey: kinds.zhKey?.slice(i, i + a),
    enKey: kinds.enKey?.slice(j, j + b),
  };
  return { zh: p.zh.slice(i, i + a), en: p.en.slice(j, j + b), structure };
}

/**
 * Align Chinese `source` units with English `target` units inside each of `regions` (which
 * must not overlap), in two passes over all regions together (Moore 2002):
 * 1. in each region, a first pass (`firstPass`, without margin scoring) with the default length
 *    variance and the length ratio of all units (for blocks, all but code blocks);
 * 2. the length variance is refitted on the 1-1 links of every region's first pass, IBM Model 1
 *    is trained once on all their links (`model1.ts`), and a second pass searches each region
 *    in a narrow band around its first path, with the learned word pairs added.
 * Features (lexical items, the names the pinyin of Chinese characters may match) are read from
 * all units at once. Returns, per region, links in order covering each of its units exactly
 * once, ids being 0-based positions in `source` and `target`, with their scores (see the
 * module comment); a region with one side empty gets one 1-0 (0-1) link per unit. Link types:
 * 1-0, 0-1 and a-b with a, b ≤ `maxSide` (default 4) and a + b ≤ `maxSum` (default 5).
 * Throws only on internal errors.
 */
export function alignWithin(source: readonly AlignUnit[], target: readonly AlignUnit[], regions: readonly Region[], options: SequenceOptions = {}): Link[][] {
  const p = prepare(source, target, options.lexicon ?? loadLexicon());
  const blocks = options.granularity === 'block';
  const weights: ScorerWeights = { ...DEFAULT_WEIGHTS, ...(blocks ? BLOCK_WEIGHTS : {}), ...options.weights };
  const kinds: UnitKinds | undefined = blocks
    ? {
        zh: source.map((u) => u.kind),
        en: target.map((u) => u.kind),
        zhDepth: source.map((u) => u.depth),
        enDepth: target.map((u) => u.depth),
        zhIdentity: source.map((u) => blockIdentity(u.src ?? u.text, u.kind)),
        enIdentity: target.map((u) => blockIdentity(u.src ?? u.text, u.kind)),
        zhNote: source.map((u) => isNoteBlock(u.text)),
        enNote: target.map((u) => isNoteBlock(u.text)),
        zhKey: source.map(rowKey),
        enKey: target.map(rowKey),
      }
    : sentenceIdentities(source, target);
  const coreOptions = (length: LengthModel, structure: UnitKinds | undefined, margin = weights.margin): CoreOptions => ({
    types: linkTypes(options.maxSide ?? 4, options.maxSum ?? 5),
    weights: { ...weights, margin },
    length,
    structure,
    fullCells: 250_000,
    bandWidth: options.bandWidth ?? 4,
  });
  // Code is copied, not translated: its length ratio is about 1 whatever the languages, so a
  // document heavy in code would pull the fitted ratio of its prose towards 1 (a real vant page:
  // its first paragraphs shifted by one). The model is fitted on the other blocks.
  // Code blocks get a model of their own (`LengthModel.code`) for links of two code blocks.
  const translated = (kind: string | undefined) => !blocks || kind !== 'code';
  const lengthsOf = (features: readonly { length: number }[], units: readonly AlignUnit[], prose: boolean) => features.flatMap((f, k) => (translated(units[k].kind) === prose ? [f.length] : []));
  const [zhLengths, enLengths] = [lengthsOf(p.zh, source, true), lengthsOf(p.en, target, true)];
  const [zhCode, enCode] = [lengthsOf(p.zh, source, false), lengthsOf(p.en, target, false)];
  const code = zhCode.length > 0 && enCode.length > 0 ? fitLengthModel(zhCode, enCode) : undefined;
  const fit = (pairs?: [number, number][]): LengthModel => ({ ...fitLengthModel(zhLengths, enLengths, pairs), ...(code ? { code } : {}) });
  let length = options.length ?? fit();
  const searched = regions.filter((r) => r.a > 0 && r.b > 0);
  const parts = searched.map((r) => regionOf(p, r, kinds));
  // Margin scoring only in the second pass: the first pass just finds the band and Model 1's training links.
  const firsts = parts.map((part) => firstPass(part.zh, part.en, coreOptions(length, part.structure, 0), options.secondBandWidth ?? 3));
  let last: BandSearch[] = firsts;
  if (options.secondPass !== false) {
    const path = firsts.flatMap((first, k) => first.path.map((l) => ({ ...l, i: l.i + searched[k].i, j: l.j + searched[k].j })));
    if (!options.length) {
      const pairs = path.filter((l) => l.a === 1 && l.b === 1).map((l): [number, number] => [p.zh[l.i].length, p.en[l.j].length]);
      length = fit(pairs);
    }
    const learned = options.model1 === false ? p : { ...p, zh: addTranslations(p.zh, learnTranslations(p.zh, p.en, path, options.model1Options)) };
    last = searched.map((r, k) => {
      const part = regionOf(learned, r);
      return searchBand(part.zh, part.en, firsts[k].band, coreOptions(length, parts[k].structure));
    });
  }
  let next = 0;
  return regions.map((r) => {
    if (r.a === 0 || r.b === 0) return [...range(r.i, r.a).map((s) => ({ source: [s], target: [], score: 0 })), ...range(r.j, r.b).map((s) => ({ source: [], target: [s], score: 0 }))];
    const result = last[next++];
    const path = blocks ? joinSqueezed(result.path, kinds!, r) : result.path;
    return path.map((l) => ({
      source: range(r.i + l.i, l.a),
      target: range(r.j + l.j, l.b),
      score: linkConfidence(result.scorer, l.i, l.a, l.j, l.b),
    }));
  });
}

/**
 * The identities of sentences written alike without Han characters (`segmentIdentity`), for the
 * identity evidence of `StructureScorer`; undefined when one side has none (literary text: no
 * Chinese sentence is written without Han), which keeps the plain link scorer.
 */
function sentenceIdentities(source: readonly AlignUnit[], target: readonly AlignUnit[]): UnitKinds | undefined {
  const zhIdentity = source.map((u) => segmentIdentity(u.text));
  const enIdentity = target.map((u) => segmentIdentity(u.text));
  return zhIdentity.some(Boolean) && enIdentity.some(Boolean) ? { zhIdentity, enIdentity } : undefined;
}

const linked = (l: PathLink | undefined) => l === undefined || (l.a > 0 && l.b > 0);

/**
 * Structure and position as evidence of a loose translation (blocks only): where the search left
 * exactly one source block and one target block unlinked between two links with both sides (or
 * the start or end of the region), and the two are of the same kind and depth (two paragraphs, two
 * list items, two level-2 headings…) and neither is a note (`isNoteBlock`), they become one 1-1
 * link. A translator who drops one block and adds another at the very place it stood is far rarer
 * than one who rewrites it freely, which leaves too few shared words for the lexical cost (the
 * annotation rule of ../shared/corpus/docs-dev/README.md: "loose but recognisable translations at
 * the same place are 1-1, not 1-0 + 0-1"). `path` holds positions inside `region`, `kinds` is
 * indexed by whole-sequence positions; returns a new path, the joined link's cost being the sum
 * of the two it replaces.
 */
function joinSqueezed(path: readonly PathLink[], kinds: UnitKinds, region: Region): PathLink[] {
  const out: PathLink[] = [];
  for (let k = 0; k < path.length; k++) {
    const [x, y] = [path[k], path[k + 1]];
    if (y && !linked(x) && !linked(y) && x.a + y.a === 1 && x.b + y.b === 1 && linked(out[out.length - 1]) && linked(path[k + 2])) {
      const l = { i: Math.min(x.i, y.i), a: 1, j: Math.min(x.j, y.j), b: 1, cost: x.cost + y.cost };
      const [zi, ej] = [region.i + l.i, region.j + l.j];
      if (kinds.zh?.[zi] === kinds.en?.[ej] && kinds.zhDepth?.[zi] === kinds.enDepth?.[ej] && !kinds.zhNote?.[zi] && !kinds.enNote?.[ej]) {
        out.push(l);
        k++;
        continue;
      }
    }
    out.push(x);
  }
  return out;
}

/**
 * Align Chinese `source` units with English `target` units as a whole (`alignWithin` with one
 * region): sentences by default, blocks with `granularity: 'block'`. Returns links in order
 * covering every unit exactly once; ids are 0-based positions in `source` and `target`.
 */
export function alignSequences(source: readonly AlignUnit[], target: readonly AlignUnit[], options: SequenceOptions = {}): Link[] {
  return alignWithin(source, target, [{ i: 0, a: source.length, j: 0, b: target.length }], options)[0];
}

/** A block link of `alignDocument`: `corrected` when it is one of the anchors. */
export type AnchoredLink = Link & Pick<BlockLink, 'corrected'>;

/** Where an anchor cuts the block sequences: its first Chinese and English positions (an empty side: where it stands on that side). */
interface Cut {
  i: number;
  j: number;
  link: Link;
}

/**
 * Align blocks around fixed `anchors` (see `AlignOptions.anchors`): the sequences are cut into
 * regions between the anchors, aligned together by `alignWithin`, and the anchors put back
 * between them (score 1, `corrected`). Without anchors, `alignSequences` at block granularity.
 * An anchor with an empty side (`[8]:[]`) does not say where it stands on that side: that is
 * found by `placeUnpaired`.
 */
function alignAround(source: readonly AlignUnit[], target: readonly AlignUnit[], anchors: readonly Link[], options: SequenceOptions): AnchoredLink[] {
  const paired = anchors.filter((l) => l.source.length > 0 && l.target.length > 0);
  const unpaired = anchors.filter((l) => l.source.length === 0 || l.target.length === 0);
  const cuts: Cut[] = [...paired.map((link) => ({ i: link.source[0], j: link.target[0], link })), ...placeUnpaired(source, target, paired, unpaired, options)];
  cuts.sort((x, y) => x.i - y.i || x.j - y.j);
  const regions: Region[] = [];
  let [i, j] = [0, 0];
  for (const cut of cuts) {
    regions.push({ i, a: cut.i - i, j, b: cut.j - j });
    [i, j] = [cut.i + cut.link.source.length, cut.j + cut.link.target.length];
  }
  regions.push({ i, a: source.length - i, j, b: target.length - j });
  const parts = alignWithin(source, target, regions, options);
  return parts.flatMap((part, k): AnchoredLink[] => (k < cuts.length ? [...part, { source: cuts[k].link.source, target: cuts[k].link.target, score: 1, corrected: true }] : part));
}

/**
 * Where each anchor with an empty side stands on that side: the blocks are aligned once without
 * the unpaired blocks, between the `paired` anchors, and a Chinese block with no counterpart
 * stands on the English side where that alignment's path first reaches the Chinese blocks after
 * it — before the English blocks with no counterpart placed there, which stand after the Chinese
 * ones (any order of the two is an alignment; one is chosen so that cuts never cross).
 */
function placeUnpaired(source: readonly AlignUnit[], target: readonly AlignUnit[], paired: readonly Link[], unpaired: readonly Link[], options: SequenceOptions): Cut[] {
  if (unpaired.length === 0) return [];
  const [zhDropped, enDropped] = [new Set(unpaired.flatMap((l) => l.source)), new Set(unpaired.flatMap((l) => l.target))];
  const keptZh = range(0, source.length).filter((id) => !zhDropped.has(id));
  const keptEn = range(0, target.length).filter((id) => !enDropped.has(id));
  // before[id]: how many kept blocks precede block `id` — its position in the shortened sequence.
  const before = (count: number, dropped: Set<number>) => {
    const out = [0];
    for (let id = 0; id < count; id++) out.push(out[id] + (dropped.has(id) ? 0 : 1));
    return out;
  };
  const [zhBefore, enBefore] = [before(source.length, zhDropped), before(target.length, enDropped)];
  const regions: Region[] = [];
  let [i, j] = [0, 0];
  for (const link of [...paired].sort((x, y) => x.source[0] - y.source[0])) {
    const [zi, ej] = [zhBefore[link.source[0]], enBefore[link.target[0]]];
    regions.push({ i, a: zi - i, j, b: ej - j });
    [i, j] = [zi + link.source.length, ej + link.target.length];
  }
  regions.push({ i, a: keptZh.length - i, j, b: keptEn.length - j });
  const parts = alignWithin(keptZh.map((id) => source[id]), keptEn.map((id) => target[id]), regions, options);
  // The points the path visits, in order, in positions of the shortened sequences.
  const points = regions.flatMap((r, k) => {
    let [x, y] = [r.i, r.j];
    return [{ x, y }, ...parts[k].map((l) => ({ x: (x += l.source.length), y: (y += l.target.length) }))];
  });
  return unpaired.map((link) => {
    if (link.target.length === 0) {
      const at = points.find((p) => p.x >= zhBefore[link.source[0]])!;
      return { i: link.source[0], j: at.y === 0 ? 0 : keptEn[at.y - 1] + 1, link };
    }
    const at = points.find((p) => p.y >= enBefore[link.target[0]])!;
    return { i: keptZh[at.x] ?? source.length, j: link.target[0], link };
  });
}

/**
 * Align two read-and-segmented documents (Chinese `source`, English `target`): blocks first
 * (`alignWithin` over `Document.blocks` at block granularity, around `options.anchors` when given:
 * `alignAround`), then the sentences inside each block link (`alignWithin` over
 * `Document.segments`, one region per block link; ids are document-wide `Segment.index`, which is
 * the segment's position). `segmentLinks[k]` belongs to `blockLinks[k]`; a 1-0 (0-1) block link
 * gets one 1-0 (0-1) link per segment. The sentence length model and Model 1 are fitted once over
 * the sentences of all block links.
 */
export function alignDocument(source: Document, target: Document, options: AlignOptions = {}): { blockLinks: AnchoredLink[]; segmentLinks: Link[][] } {
  const lexicon = options.lexicon ?? loadLexicon();
  const blockLinks = alignAround(source.blocks, target.blocks, options.anchors ?? [], { ...options, lexicon, granularity: 'block' });
  const zhOf = segmentsByBlock(source);
  const enOf = segmentsByBlock(target);
  const regions = blockLinks.map((link): Region => {
    // A block link's blocks are consecutive, so are their segments.
    const zh = link.source.flatMap((b) => zhOf[b]);
    const en = link.target.flatMap((b) => enOf[b]);
    return { i: zh[0] ?? 0, a: zh.length, j: en[0] ?? 0, b: en.length };
  });
  const segmentLinks = alignWithin(source.segments, target.segments, regions, { ...options, lexicon, granularity: 'sentence' });
  return { blockLinks, segmentLinks };
}

/**
 * Align two read-and-segmented documents into a `Bitext` named `doc` (see `alignDocument`):
 * `source` is the Chinese document, `target` the English one; each block link carries the
 * sentence links inside it. When one side writes a paragraph per line and the other does not,
 * that side is first split at its line breaks (`matchGranularity`, granularity.ts): the Bitext
 * holds the split document, and `options.onWarning` is told what was done. Sections the
 * translator moved are listed in `moves` and their links marked (`detectMoves`, `moves.ts`).
 * `options.corrections` are read against the (split) documents (`resolveCorrections`): those
 * that apply are anchors, each stale one is told to `options.onWarning` as
 * `file: warning: correction [7]:[6,7] is stale: Chinese block 7 changed`.
 */
export function alignBitext(doc: string, zh: Document, en: Document, options: AlignOptions = {}): Bitext {
  const { source, target, warnings } = matchGranularity(zh, en);
  for (const warning of warnings) options.onWarning?.(warning);
  const resolved = resolveCorrections(options.corrections ?? [], source, target);
  for (const r of resolved) if (r.stale) options.onWarning?.(`${r.changed === 'target' ? target.file : source.file}: warning: correction ${correctionLabel(r.correction)} is stale: ${r.stale}`);
  const anchors = [...(options.anchors ?? []), ...resolved.flatMap((r) => (r.link ? [r.link] : []))];
  return alignAnchored(doc, source, target, { ...options, anchors });
}

/** The end of `alignBitext` and `realignNear`: `alignDocument` (around `options.anchors`), the sentence links put in their block links, then `detectMoves`. */
function alignAnchored(doc: string, source: Document, target: Document, options: AlignOptions): Bitext {
  const { blockLinks, segmentLinks } = alignDocument(source, target, options);
  // alignDocument's ids are positions: block ids in `blocks`, sentence ids in `segments`.
  const links = blockLinks.map((link, k): BlockLink => ({ ...(link as Link<BlockId>), sentences: segmentLinks[k] as SentenceLink[] }));
  return detectMoves({ doc, source, target, links }, options.lexicon);
}

/** Links on each side of the changed ones that `realignNear` aligns again with them (a few paragraphs of context for the search and its fitted models). */
export const REALIGN_CONTEXT = 20;

/**
 * `previous` (an alignment by `alignBitext`) aligned again after its corrections became
 * `corrections`, near the change only — what the review editor does on every edit
 * (pipeline/review/server.ts), where aligning the whole document again takes about a second on
 * 500 links. A link recorded as it stands is marked `corrected` (score 1) and nothing else
 * changes. The links whose anchoring changed otherwise (a correction added, removed or moved) and
 * `context` links on each side (default `REALIGN_CONTEXT`) are aligned again as a document of
 * their own (`alignAnchored`: the block search, its length model and Model 1 fitted on those
 * blocks, `detectMoves` among them), around the corrections that fall there; every other link is
 * kept as it was. When the change reaches most of the document, the whole of it is aligned again
 * (`alignBitext`). Corrections are read against `previous`'s documents (`resolveCorrections`);
 * stale ones are not applied (and not told: `alignBitext` tells them when the document is loaded).
 */
export function realignNear(previous: Bitext, corrections: readonly Correction[], options: AlignOptions & { context?: number } = {}): Bitext {
  const { source, target } = previous;
  const anchors = resolveCorrections(corrections, source, target).flatMap((r) => (r.link ? [r.link] : []));
  const label = (l: Pick<Link, 'source' | 'target'>) => `${l.source.join(',')}:${l.target.join(',')}`;
  const anchored = new Set(anchors.map(label));
  // A link recorded as it stands (confirmed) is only marked: the search would find it again.
  const links = previous.links.map((l): BlockLink => (!l.corrected && anchored.has(label(l)) ? { ...l, score: 1, corrected: true } : l));
  const kept = new Set(links.filter((l) => l.corrected).map(label));
  const changed = links.flatMap((l, k) => {
    if (l.corrected) return anchored.has(label(l)) ? [] : [k];
    const touched = anchors.some((a) => !kept.has(label(a)) && (a.source.some((i) => l.source.includes(i)) || a.target.some((j) => l.target.includes(j))));
    return touched ? [k] : [];
  });
  // Links cover every block, so a new anchor shares a block with a link and that link is in `changed`.
  if (changed.length === 0) return { ...previous, links };
  const context = options.context ?? REALIGN_CONTEXT;
  const lo = Math.max(0, Math.min(...changed) - context);
  const hi = Math.min(links.length - 1, Math.max(...changed) + context);
  if (2 * (hi - lo + 1) > links.length) return alignBitext(previous.doc, source, target, { ...options, corrections });
  // Links cover each document's blocks in order: the window is a run of blocks on each side.
  const before = links.slice(0, lo);
  const window = links.slice(lo, hi + 1);
  const s0 = before.reduce((n, l) => n + l.source.length, 0);
  const t0 = before.reduce((n, l) => n + l.target.length, 0);
  const s1 = s0 + window.reduce((n, l) => n + l.source.length, 0);
  const t1 = t0 + window.reduce((n, l) => n + l.target.length, 0);
  const inside = (ids: readonly number[], from: number, to: number) => ids.every((id) => id >= from && id < to);
  const subSource = sliceDocument(source, s0, s1);
  const subTarget = sliceDocument(target, t0, t1);
  const subAnchors = anchors
    // Every anchor lies wholly inside the window or wholly outside it: the window ends between links.
    .filter((a) => inside(a.source, s0, s1) && inside(a.target, t0, t1))
    .map((a) => ({ source: a.source.map((i) => i - s0), target: a.target.map((j) => j - t0), score: 1 }));
  const sub = alignAnchored(previous.doc, subSource.document, subTarget.document, { ...options, anchors: subAnchors });
  const shift = (ids: readonly number[], by: number) => ids.map((id) => id + by);
  const middle = sub.links.map(
    (l): BlockLink => ({
      ...l,
      source: shift(l.source, s0) as BlockId[],
      target: shift(l.target, t0) as BlockId[],
      sentences: l.sentences.map((x) => ({ ...x, source: shift(x.source, subSource.firstSegment) as SentenceLink['source'], target: shift(x.target, subTarget.firstSegment) as SentenceLink['target'] })),
    }),
  );
  const delta = middle.length - window.length;
  // Moved sections found before, outside the window, keep their links (positions after it shift); those inside are found again.
  const outside = (previous.moves ?? []).filter((m) => m.links.every((k) => k < lo || k > hi)).map((m) => ({ ...m, links: m.links.map((k) => (k > hi ? k + delta : k)) }));
  const found = (sub.moves ?? []).map((m) => ({ ...m, source: shift(m.source, s0) as BlockId[], target: shift(m.target, t0) as BlockId[], links: m.links.map((k) => k + lo) }));
  return { doc: previous.doc, source, target, links: [...before, ...middle, ...links.slice(hi + 1)], moves: [...outside, ...found].sort((x, y) => x.links[0] - y.links[0]) };
}

/** Blocks `from`–`to − 1` of `doc` as a document of their own (block and sentence ids from 0), and the id its first sentence had. */
function sliceDocument(doc: Document, from: number, to: number): { document: Document; firstSegment: number } {
  const segments = doc.segments.filter((s) => s.block >= from && s.block < to);
  const firstSegment = segments[0]?.index ?? 0;
  return {
    document: {
      ...doc,
      blocks: doc.blocks.slice(from, to).map((b) => ({ ...b, index: (b.index - from) as BlockId })),
      segments: segments.map((s) => ({ ...s, index: (s.index - firstSegment) as Segment['index'], block: (s.block - from) as BlockId })),
    },
    firstSegment,
  };
}

function segmentsByBlock(doc: Document): number[][] {
  return sentencesByBlock(doc.segments, doc.blocks.length).map((sentences) => sentences.map((s) => s.index));
}
