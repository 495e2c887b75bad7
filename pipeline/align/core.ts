/**
 * The aligner's core: features in, path out. One search (`search.ts`) with the link scorer
 * (`LinkScorer` in `scorer.ts`); long inputs are aligned at a coarser resolution first
 * (consecutive units merged in pairs, recursively) and the fine search is confined to a band around the coarse path
 * projected back, so cost grows linearly with length (the multi-resolution scheme of vecalign,
 * Thompson & Koehn 2019).
 */
import { mergePairs, type UnitFeatures } from './features.ts';
import { spanSimilarity } from './lexical.ts';
import { costFloor, LinkScorer, linkTypes, StructureScorer, type LengthModel, type Scorer, type ScorerWeights, type UnitKinds } from './scorer.ts';
import { bandAround, fullBand, searchPath, type Band, type LinkType, type PathLink } from './search.ts';

/** Settings of one core alignment. */
export interface CoreOptions {
  types: readonly LinkType[];
  weights: ScorerWeights;
  length: LengthModel;
  /** Unit kinds of blocks, for the structure rule (`StructureScorer`); for sentences only their identities, when any (`sentenceIdentities` in `align.ts`). */
  structure?: UnitKinds;
  /** Inputs with at most this many cells (n·m) are searched exhaustively. */
  fullCells: number;
  /** Half-width of the band around a coarse path, in units. */
  bandWidth: number;
}

/** Largest coarse grid searched exhaustively (about 50 × 50 units). */
const COARSE_FULL_CELLS = 2_500;
/** Band half-width at coarse levels, in coarse units. */
const COARSE_BAND_WIDTH = 6;
/** Link types at coarse levels (a coarse unit holds 2^level units, so long links become short). */
const COARSE_TYPES = linkTypes(3, 4);

function maxSides(types: readonly LinkType[]): { maxA: number; maxB: number } {
  return { maxA: Math.max(...types.map((t) => t.a)), maxB: Math.max(...types.map((t) => t.b)) };
}

/** A searched band: the least-cost path, and the scorer that found it (its agreements give the link confidences, `linkConfidence`). */
export interface BandSearch {
  path: PathLink[];
  scorer: Scorer;
}

/** Search one band with the link scorer of `options` (`LinkScorer`, inside `StructureScorer` for blocks). */
export function searchBand(zh: readonly UnitFeatures[], en: readonly UnitFeatures[], band: Band, options: CoreOptions): BandSearch {
  const { maxA, maxB } = maxSides(options.types);
  const scores = spanSimilarity(zh, en, band, maxA, maxB, options.weights.margin > 0);
  const links = new LinkScorer({ zh, en, scores, length: options.length, weights: options.weights, kinds: options.structure });
  const scorer = options.structure ? new StructureScorer(links, options.structure, options.weights.structure) : links;
  // Likeliest link types first, so that the others can stop early against a low cost limit.
  const types = [...options.types].sort((x, y) => costFloor(options.weights, x) - costFloor(options.weights, y));
  const path = searchPath(zh.length, en.length, band, types, (i, a, j, b, limit) => scorer.cost(i, a, j, b, limit));
  return { path, scorer };
}

/**
 * The band for aligning `zh` with `en`: every cell when the grid is small, else the cells near
 * the path found at half the resolution (recursively). Coarse levels use a narrower band, the
 * link types up to 3 units a side, and stop at about 50 × 50 units.
 */
export function findBand(zh: readonly UnitFeatures[], en: readonly UnitFeatures[], options: CoreOptions, level = 0): Band {
  const n = zh.length;
  const m = en.length;
  if ((n + 1) * (m + 1) <= (level === 0 ? options.fullCells : COARSE_FULL_CELLS) || n < 4 || m < 4) return fullBand(n, m);
  // Margin scoring is for full resolution only: long coarse units all resemble their neighbours.
  const coarseOptions: CoreOptions = { ...options, structure: undefined, types: COARSE_TYPES, weights: { ...options.weights, margin: 0 } };
  const czh = mergePairs(zh);
  const cen = mergePairs(en);
  const { path } = searchBand(czh, cen, findBand(czh, cen, coarseOptions, level + 1), coarseOptions);
  const corners = [{ i: 0, j: 0 }];
  for (const link of path) corners.push({ i: Math.min(n, 2 * (link.i + link.a)), j: Math.min(m, 2 * (link.j + link.b)) });
  return bandAround(corners, n, m, level === 0 ? options.bandWidth : COARSE_BAND_WIDTH);
}

/** A first alignment pass: its path at full resolution, its scorer, and the band of cells near the path (for the second pass). */
export interface FirstPass extends BandSearch {
  band: Band;
}

/**
 * The first pass: the least-cost path (searched exhaustively on a small grid, else in the band
 * found at coarser resolutions) and the cells within `secondWidth` units of it.
 */
export function firstPass(zh: readonly UnitFeatures[], en: readonly UnitFeatures[], options: CoreOptions, secondWidth: number): FirstPass {
  const { path, scorer } = searchBand(zh, en, findBand(zh, en, options), options);
  const corners = [{ i: 0, j: 0 }, ...path.map((l) => ({ i: l.i + l.a, j: l.j + l.b }))];
  return { path, scorer, band: bandAround(corners, zh.length, en.length, secondWidth) };
}
