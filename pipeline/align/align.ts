/**
 * align — block and sentence alignment of a Chinese source with its English translation.
 *
 * One search with pluggable scorers serves both granularities (DESIGN.md): `alignSequences`
 * aligns any two sequences of units (sentences, or blocks with their kinds); `alignDocument`
 * aligns a document's blocks, then the sentences inside each block link.
 *
 * Link `score` (in [0, 1]): for a link with both sides, the mean of the lexical similarity of
 * the two spans (share of words with a dictionary or learned translation on the other side,
 * see `lexical.ts`) and the length agreement 2·(1 − Φ(|δ|)) (Gale & Church 1993); 0 for 1-0
 * and 0-1 links, which have no evidence of a counterpart.
 */
import type { Bitext, BlockId, BlockKind, BlockLink, Document, Link, SentenceLink } from '../types.ts';
import { sentencesByBlock } from '../segment/index.ts';
import { loadLexicon, type Lexicon } from './lexicon/cedict.ts';
import { chineseFeatures, createVocabulary, englishFeatures, englishNames, type UnitFeatures } from './features.ts';
import { firstPass, searchBand, type CoreOptions } from './core.ts';
import { addTranslations, learnTranslations, type Model1Options } from './model1.ts';
import type { SpanSimilarity } from './lexical.ts';
import { BLOCK_WEIGHTS, DEFAULT_WEIGHTS, fitLengthModel, lengthDelta, lengthProbability, linkTypes, type LengthModel, type ScorerWeights } from './scorer.ts';
import type { PathLink } from './search.ts';

/** One unit to align: a sentence (text only) or a block (text with its kind and heading/list depth). */
export interface AlignUnit {
  text: string;
  kind?: BlockKind;
  depth?: number;
}

/** Options of `alignSequences` / `alignDocument`; all optional. */
export interface AlignOptions {
  /** Bilingual lexicon (default: CC-CEDICT via `loadLexicon`). */
  lexicon?: Lexicon;
  /** Scorer weights overriding `DEFAULT_WEIGHTS`. */
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
}

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

function coreOptions(options: AlignOptions, length: LengthModel, kinds?: CoreOptions['kinds']): CoreOptions {
  return {
    types: linkTypes(options.maxSide ?? 4, options.maxSum ?? 5),
    weights: { ...DEFAULT_WEIGHTS, ...options.weights },
    length,
    kinds,
    fullCells: 250_000,
    bandWidth: options.bandWidth ?? 4,
  };
}

function range(start: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => start + k);
}

/** Scores of path links (see the module comment); `similarity` covers every link of the path. */
function scoreLinks(path: readonly PathLink[], p: Prepared, length: LengthModel, similarity: SpanSimilarity): number[] {
  return path.map((l) => {
    if (l.a === 0 || l.b === 0) return 0;
    let zhLength = 0;
    let enLength = 0;
    for (let k = l.i; k < l.i + l.a; k++) zhLength += p.zh[k].length;
    for (let k = l.j; k < l.j + l.b; k++) enLength += p.en[k].length;
    const sim = similarity(l.i, l.a, l.j, l.b);
    const lengthScore = lengthProbability(lengthDelta(length, zhLength, enLength));
    const score = ((Number.isNaN(sim) ? 0.5 : sim) + lengthScore) / 2;
    return Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
  });
}

function toLinks(path: readonly PathLink[], scores: readonly number[], zhIds: readonly number[], enIds: readonly number[]): Link[] {
  return path.map((l, k) => ({ source: zhIds.slice(l.i, l.i + l.a), target: enIds.slice(l.j, l.j + l.b), score: scores[k] }));
}

/** The outcome of `alignPrepared`: the path, the length model of its last pass, and that pass's span similarity (for link scores). */
interface Aligned {
  path: PathLink[];
  length: LengthModel;
  similarity: SpanSimilarity;
}

/**
 * Align prepared features in two passes (Moore 2002): a first pass (`firstPass`) with the
 * default length variance; then the variance is refitted on the first pass's 1-1 links, IBM
 * Model 1 is trained on its links (`model1.ts`), and the second pass searches a narrow band
 * around the first path with the learned word pairs added.
 */
function alignPrepared(p: Prepared, options: AlignOptions, kinds?: CoreOptions['kinds']): Aligned {
  let length = options.length ?? fitLengthModel(p.zh.map((f) => f.length), p.en.map((f) => f.length));
  // Margin scoring only in the second pass: the first pass just finds the band and Model 1's training links.
  const firstOptions = coreOptions(options, length, kinds);
  firstOptions.weights = { ...firstOptions.weights, margin: 0 };
  const first = firstPass(p.zh, p.en, firstOptions, options.secondBandWidth ?? 3);
  if (options.secondPass === false) return { path: first.path, length, similarity: first.similarity };
  if (!options.length) {
    const pairs = first.path.filter((l) => l.a === 1 && l.b === 1).map((l): [number, number] => [p.zh[l.i].length, p.en[l.j].length]);
    length = fitLengthModel(p.zh.map((f) => f.length), p.en.map((f) => f.length), pairs);
  }
  const zh = options.model1 === false ? p.zh : addTranslations(p.zh, learnTranslations(p.zh, p.en, first.path, options.model1Options));
  return { ...searchBand(zh, p.en, first.band, coreOptions(options, length, kinds)), length };
}

/**
 * Align Chinese `source` units with English `target` units (sentences, or blocks with kinds).
 * Returns links in order covering every unit exactly once: ids are 0-based positions in
 * `source` and `target`; link types 1-0, 0-1 and a-b with a, b ≤ `maxSide` (default 4) and
 * a + b ≤ `maxSum` (default 5). Units with a `kind` are blocks: headings and captions link only
 * with their like, and the weights are `BLOCK_WEIGHTS`. Throws only on internal errors.
 */
export function alignSequences(source: readonly AlignUnit[], target: readonly AlignUnit[], options: AlignOptions = {}): Link[] {
  const lexicon = options.lexicon ?? loadLexicon();
  const p = prepare(source, target, lexicon);
  const blocks = source.some((u) => u.kind) || target.some((u) => u.kind);
  const kinds = blocks
    ? { zh: source.map((u) => u.kind), en: target.map((u) => u.kind), zhDepth: source.map((u) => u.depth), enDepth: target.map((u) => u.depth) }
    : undefined;
  const weights = blocks ? { ...BLOCK_WEIGHTS, ...options.weights } : options.weights;
  const { path, length, similarity } = alignPrepared(p, { ...options, weights }, kinds);
  return toLinks(path, scoreLinks(path, p, length, similarity), range(0, source.length), range(0, target.length));
}

/**
 * Align two read-and-segmented documents (Chinese `source`, English `target`): blocks first
 * (`alignSequences` over `Document.blocks`, with kinds), then the sentences inside each block
 * link (over `Document.segments`, ids are document-wide `Segment.index`). `segmentLinks[k]`
 * belongs to `blockLinks[k]`; a 1-0 (0-1) block link gets one 1-0 (0-1) link per segment.
 * The sentence length model is fitted once over the whole document pair.
 */
export function alignDocument(source: Document, target: Document, options: AlignOptions = {}): { blockLinks: Link[]; segmentLinks: Link[][] } {
  const lexicon = options.lexicon ?? loadLexicon();
  const blockLinks = alignSequences(
    source.blocks.map((b) => ({ text: b.text, kind: b.kind, depth: b.depth })),
    target.blocks.map((b) => ({ text: b.text, kind: b.kind, depth: b.depth })),
    { ...options, lexicon },
  );
  const p = prepare(source.segments, target.segments, lexicon);
  const length = options.length ?? fitLengthModel(p.zh.map((f) => f.length), p.en.map((f) => f.length));
  const zhOf = segmentsByBlock(source);
  const enOf = segmentsByBlock(target);
  const segmentLinks = blockLinks.map((link) => {
    const zhIds = link.source.flatMap((b) => zhOf[b] ?? []);
    const enIds = link.target.flatMap((b) => enOf[b] ?? []);
    if (zhIds.length === 0 || enIds.length === 0) {
      return [...zhIds.map((s) => ({ source: [s], target: [], score: 0 })), ...enIds.map((s) => ({ source: [], target: [s], score: 0 }))];
    }
    const sub: Prepared = { zh: zhIds.map((s) => p.zh[s]), en: enIds.map((s) => p.en[s]) };
    const { path, similarity } = alignPrepared(sub, { ...options, length });
    return toLinks(path, scoreLinks(path, sub, length, similarity), zhIds, enIds);
  });
  return { blockLinks, segmentLinks };
}

/**
 * Align two read-and-segmented documents into a `Bitext` named `doc` (see `alignDocument`):
 * `source` is the Chinese document, `target` the English one; each block link carries the
 * sentence links inside it.
 */
export function alignBitext(doc: string, source: Document, target: Document, options: AlignOptions = {}): Bitext {
  const { blockLinks, segmentLinks } = alignDocument(source, target, options);
  // alignDocument's ids are positions: block ids in `blocks`, sentence ids in `segments`.
  const links = blockLinks.map((link, k): BlockLink => ({ ...(link as Link<BlockId>), sentences: segmentLinks[k] as SentenceLink[] }));
  return { doc, source, target, links };
}

function segmentsByBlock(doc: Document): number[][] {
  return sentencesByBlock(doc.segments, doc.blocks.length).map((sentences) => sentences.map((s) => s.index));
}
