/**
 * The link scorer: one cost for any link of a source span with a target span, used for blocks,
 * sentences and coarse units alike. It adds
 *  - length: Gale & Church (1993) — δ = (l_en − c·l_zh) / √(s²·(c·l_zh + l_en)/2), cost
 *    −ln(2·(1 − Φ(|δ|))) (read off a fine grid, `lengthCostTable`), with c and s² estimated
 *    from the documents (`fitLengthModel`);
 *  - lexical: (1 − similarity) · (a + b)/2 from `lexical.ts` — weighted by link size, without
 *    which a Dice-like similarity rewards merging (alignment-findings.md); with margin scoring the
 *    similarity is max(0, similarity − λ · neighbour share);
 *  - punctuation: a question or exclamation on one side only;
 *  - structure: a heading (or caption) links only with one heading (caption) or with nothing —
 *    never merged with other blocks; a quarter of the penalty when heading depths differ;
 *  - a prior per link type, −ln p.
 */
import type { BlockKind } from '../types.ts';
import type { UnitFeatures } from './features.ts';
import type { LinkCost, LinkType } from './search.ts';
import type { SpanScores, SpanSimilarity } from './lexical.ts';

/** Gale–Church length model: `ratio` = expected English characters per Chinese character, `variance` = s² per character. */
export interface LengthModel {
  ratio: number;
  variance: number;
}

/** Weights of the scorer's terms; every field has a default (`DEFAULT_WEIGHTS`). */
export interface ScorerWeights {
  length: number;
  lexical: number;
  /** Similarity assumed when neither span has any lexical item. */
  neutralSimilarity: number;
  punctuation: number;
  structure: number;
  /** Margin weight λ: λ × the neighbour share (`SpanScores.neighbours`) is taken off the similarity; 0 turns margin scoring off. */
  margin: number;
  /** Cost of leaving one unit unlinked (1-0 or 0-1), on top of its prior. */
  skip: number;
  /** Probability of each link type, keyed `a-b`. */
  priors: Record<string, number>;
}

export const DEFAULT_WEIGHTS: ScorerWeights = {
  length: 0.4,
  lexical: 6,
  neutralSimilarity: 0.3,
  punctuation: 1,
  margin: 0.4,
  structure: 4,
  skip: 2,
  priors: {
    '1-1': 0.62, '1-2': 0.21, '2-1': 0.05, '1-3': 0.055, '3-1': 0.01, '2-2': 0.02, '1-4': 0.022, '4-1': 0.004,
    '2-3': 0.009, '3-2': 0.004, '1-0': 0.005, '0-1': 0.005,
  },
};

/**
 * Link-type probabilities for blocks: Gale & Church's (1993) figures for 1-1, 1-2 and 2-1,
 * paragraphs being mostly translated one for one, but with untranslated blocks (editor's notes,
 * bylines, captions left out: 1 in 19 links of the Zhongnanhai gold) more likely than their 1%,
 * and 2-2 (a moved paragraph boundary on both sides) rarer. Sentence priors are in `DEFAULT_WEIGHTS`.
 */
export const BLOCK_PRIORS: Record<string, number> = {
  '1-1': 0.89, '1-2': 0.089, '2-1': 0.089, '2-2': 0.004, '1-0': 0.03, '0-1': 0.03, '1-3': 0.005, '3-1': 0.005,
};

/**
 * Weights for blocks (paragraphs, headings): `BLOCK_PRIORS`, and the length term at full weight —
 * paragraph lengths track each other more closely than literary sentences do, for which the
 * length weight was tuned down to 0.3 on MAC-dev (strict F1 .70 at 1.0, .85 at 0.3).
 */
export const BLOCK_WEIGHTS: Partial<ScorerWeights> = { length: 1, priors: BLOCK_PRIORS };

/** Abramowitz & Stegun 7.1.26 approximation of erfc (absolute error < 1.5e-7). */
function erfc(x: number): number {
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return poly * Math.exp(-x * x);
}

/** Gale–Church δ of a link with the given lengths (characters). */
export function lengthDelta(model: LengthModel, zhLength: number, enLength: number): number {
  return (enLength - model.ratio * zhLength) / Math.sqrt(model.variance * ((model.ratio * zhLength + enLength) / 2 + 1));
}

/** −ln P(|δ| or more) under the standard normal: 0 for a perfect length match, growing with |δ|. */
export function lengthCost(delta: number): number {
  const p = erfc(Math.abs(delta) / Math.SQRT2);
  return p < 1e-12 ? 27.6 : -Math.log(p);
}

/** Step and range of `lengthCostTable`'s grid over |δ| (ending below |δ| ≈ 7.13, where `lengthCost` is capped). */
const TABLE_STEP = 64;
const TABLE_MAX = 7;
const LENGTH_COSTS = Float64Array.from({ length: TABLE_MAX * TABLE_STEP + 2 }, (_, k) => lengthCost(k / TABLE_STEP));

/**
 * `lengthCost` interpolated linearly on a grid of step 1/64 in |δ| (error below 1e-4; exact
 * from |δ| = 7 on): the search evaluates it for every link it considers.
 */
export function lengthCostTable(delta: number): number {
  const x = Math.abs(delta) * TABLE_STEP;
  if (!(x < TABLE_MAX * TABLE_STEP)) return lengthCost(delta);
  const k = x | 0;
  return LENGTH_COSTS[k] + (LENGTH_COSTS[k + 1] - LENGTH_COSTS[k]) * (x - k);
}

/** Probability in [0, 1] that a length mismatch this large happens by chance (2·(1 − Φ(|δ|))). */
export function lengthProbability(delta: number): number {
  return erfc(Math.abs(delta) / Math.SQRT2);
}

/**
 * The length model of a document pair: `ratio` = total English / total Chinese characters;
 * `variance` from the given 1-1 pairs when there are at least 10 of them (mean of
 * (l_en − c·l_zh)² / ((c·l_zh + l_en)/2)), else `defaultVariance`.
 */
export function fitLengthModel(zhLengths: readonly number[], enLengths: readonly number[], pairs: readonly [number, number][] = [], defaultVariance = 9): LengthModel {
  const zhTotal = zhLengths.reduce((s, x) => s + x, 0);
  const enTotal = enLengths.reduce((s, x) => s + x, 0);
  const ratio = zhTotal > 0 && enTotal > 0 ? enTotal / zhTotal : 3;
  let variance = defaultVariance;
  if (pairs.length >= 10) {
    let sum = 0;
    for (const [z, e] of pairs) sum += (e - ratio * z) ** 2 / ((ratio * z + e) / 2 + 1);
    variance = Math.min(40, Math.max(2, sum / pairs.length));
  }
  return { ratio, variance };
}

/** Kind (and heading depth) of each unit (blocks); absent for sentences. */
export interface UnitKinds {
  zh?: readonly (BlockKind | undefined)[];
  en?: readonly (BlockKind | undefined)[];
  zhDepth?: readonly (number | undefined)[];
  enDepth?: readonly (number | undefined)[];
}

/** Everything the scorer needs about one alignment problem. */
export interface ScorerInput {
  zh: readonly UnitFeatures[];
  en: readonly UnitFeatures[];
  similarity: SpanSimilarity;
  /** Neighbour shares for margin scoring (`SpanScores.neighbours`); without them the margin weight is ignored. */
  neighbours?: SpanScores['neighbours'];
  length: LengthModel;
  weights: ScorerWeights;
  kinds?: UnitKinds;
}

const SPECIAL: ReadonlySet<BlockKind | undefined> = new Set(['heading', 'caption'] as const);

function structureCost(kinds: UnitKinds, i: number, a: number, j: number, b: number): number {
  const zk = kinds.zh;
  const ek = kinds.en;
  if (!zk || !ek || a === 0 || b === 0) return 0;
  let special = false;
  for (let k = i; k < i + a; k++) if (SPECIAL.has(zk[k])) special = true;
  for (let k = j; k < j + b; k++) if (SPECIAL.has(ek[k])) special = true;
  if (!special) return 0;
  if (a === 1 && b === 1 && zk[i] === ek[j]) return kinds.zhDepth?.[i] === kinds.enDepth?.[j] ? 0 : 0.25;
  return 1;
}

/** The link cost function over `input` (see the module comment for its terms). */
export function linkCost(input: ScorerInput): LinkCost {
  const { zh, en, similarity, neighbours, length, weights, kinds } = input;
  const SIDE = 9;
  const prior = new Float64Array(SIDE * SIDE).fill(-Math.log(0.001));
  for (const [key, p] of Object.entries(weights.priors)) {
    const [a, b] = key.split('-').map(Number);
    if (a < SIDE && b < SIDE) prior[a * SIDE + b] = -Math.log(p);
  }
  // Prefix sums: span totals in O(1).
  const sums = (units: readonly UnitFeatures[], pick: (f: UnitFeatures) => number) => {
    const out = new Float64Array(units.length + 1);
    for (let k = 0; k < units.length; k++) out[k + 1] = out[k] + pick(units[k]);
    return out;
  };
  const zhLength = sums(zh, (f) => f.length);
  const enLength = sums(en, (f) => f.length);
  const zhQuestions = sums(zh, (f) => f.questions);
  const enQuestions = sums(en, (f) => f.questions);
  const zhExclamations = sums(zh, (f) => f.exclamations);

  const enExclamations = sums(en, (f) => f.exclamations);
  const { ratio, variance } = length;
  const wLength = weights.length;
  const wLexical = weights.lexical;
  const neutral = weights.neutralSimilarity;
  const { skip, structure, punctuation, margin } = weights;
  // The lexical term, the costly one, comes last: a link whose other terms already reach `limit`
  // is not compared, nor its neighbours when the similarity without margin (an upper bound of
  // the similarity with it) already puts the cost there.
  return (i, a, j, b, limit) => {
    let cost = prior[a * SIDE + b];
    if (kinds) cost += structure * structureCost(kinds, i, a, j, b);
    if (a === 0 || b === 0) return cost + skip;
    const zl = zhLength[i + a] - zhLength[i];
    const el = enLength[j + b] - enLength[j];
    const delta = (el - ratio * zl) / Math.sqrt(variance * ((ratio * zl + el) / 2 + 1));
    cost += wLength * lengthCostTable(delta);
    let marks = 0;
    if ((zhQuestions[i + a] - zhQuestions[i] > 0) !== (enQuestions[j + b] - enQuestions[j] > 0)) marks += punctuation;
    if ((zhExclamations[i + a] - zhExclamations[i] > 0) !== (enExclamations[j + b] - enExclamations[j] > 0)) marks += punctuation * 0.5;
    if (cost + marks >= limit) return cost + marks;
    let sim = similarity(i, a, j, b);
    if (sim !== sim) {
      sim = neutral;
    } else if (neighbours && margin > 0) {
      const bound = cost + wLexical * (1 - sim) * ((a + b) / 2) + marks;
      if (bound >= limit) return bound;
      sim = Math.max(0, sim - margin * neighbours(i, a, j, b));
    }
    return cost + wLexical * (1 - sim) * ((a + b) / 2) + marks;
  };
}

/**
 * A lower bound of `linkCost` for every link of the given type: its prior, plus the skip cost
 * for 1-0 and 0-1 links (every other term is ≥ 0 for non-negative weights). The search tries
 * link types in increasing order of it, so that the first, likeliest ones set a low cost limit
 * for the rest (see `LinkCost`).
 */
export function costFloor(weights: ScorerWeights, type: LinkType): number {
  const p = weights.priors[`${type.a}-${type.b}`] ?? 0.001;
  return -Math.log(p) + (type.a === 0 || type.b === 0 ? weights.skip : 0);
}

/** Link types the search tries: 0-1, 1-0 and every a-b with 1 ≤ a, b and a + b ≤ `maxSum`, a, b ≤ `maxSide`. */
export function linkTypes(maxSide: number, maxSum: number): LinkType[] {
  const types: LinkType[] = [{ a: 1, b: 0 }, { a: 0, b: 1 }];
  for (let a = 1; a <= maxSide; a++) for (let b = 1; b <= maxSide; b++) if (a + b <= maxSum) types.push({ a, b });
  return types;
}
