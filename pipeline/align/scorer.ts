/**
 * The link scorers: small terms that each say how bad (`cost`) — and, where they measure
 * evidence of translation, how likely (`agreement`) — a link of a source span with a target
 * span is. `LinkScorer` composes them into the one cost the search (`search.ts`) minimises, for
 * blocks, sentences and coarse units alike, and the link confidence beside it:
 *  - prior (`PriorScorer`): −ln p of the link type, plus a skip cost for 1-0 and 0-1 — for blocks
 *    (`chanceSkip`) replaced by a cost calibrated on the document (`LinkScorer`);
 *  - length (`LengthScorer`): Gale & Church (1993) — δ = (l_en − c·l_zh) / √(s²·((c·l_zh + l_en)/2 + 1)),
 *    cost −ln(2·(1 − Φ(|δ|))) (read off a fine grid, `lengthCostTable`), with c and s² estimated
 *    from the documents (`fitLengthModel`); agreement 2·(1 − Φ(|δ|));
 *  - punctuation (`PunctuationScorer`): a question or exclamation on one side only;
 *  - quote closure (`QuoteScorer` in `sentence-evidence.ts`): a link ending a quotation on one
 *    side only, or closing one before its last unit on both (MAC-dev strict F1 .878 → .905 at
 *    weight 1.5; .899 at 1, .903 at 2, .897 at 2.5);
 *  - lexical (`LexicalScorer`): (1 − similarity) · (a + b)/2 from `lexical.ts`, with margin
 *    scoring max(0, similarity − λ · neighbour share); agreement the similarity without margin.
 *    The weight by link size matters: without it a Dice-like similarity rewards merging
 *    sentences (in a prototype on MAC-dev, strict F1 fell to .45 while lax F1 stayed at .95);
 *  - structure (`StructureScorer`, blocks only): a wrapper adding a penalty when a heading (or
 *    caption) is linked with anything but one heading (caption) or nothing — never merged with
 *    other blocks; a quarter of the penalty when heading depths differ; the same penalty when a
 *    code block (an image block) is linked with anything but one code block (image block), and
 *    when list items on both sides meet in a link wider than 1-1 (a translator keeps the items of
 *    a list one for one) or a link wider than 1-1 holds a quote and a block of another kind.
 *    It also carries identity evidence:
 *    a 1-1 link of two blocks written alike (`identicalBlocks` in `features.ts`: code, URLs,
 *    numbers) costs its prior alone — length cost 0, similarity 1 — since the length ratio of
 *    translated prose would otherwise forbid two equally long blocks (a long code block in
 *    docs-dev was left unlinked).
 */
import type { BlockKind } from '../types.ts';
import { median } from '../text/index.ts';
import { identicalBlocks, type BlockIdentity, type UnitFeatures } from './features.ts';
import type { LinkType } from './search.ts';
import type { SpanScores } from './lexical.ts';
import { QuoteScorer } from './sentence-evidence.ts';

/** Gale–Church length model: `ratio` = expected English characters per Chinese character, `variance` = s² per character. */
export interface LengthModel {
  ratio: number;
  variance: number;
  /**
   * For a 1-1 link of two code blocks (`UnitKinds`): the model of the document's code blocks —
   * code is copied, not translated, so its ratio is near 1 while the prose's is near 3.
   */
  code?: { ratio: number; variance: number };
}

/** Weights of the scorer's terms; every field has a default (`DEFAULT_WEIGHTS`). */
export interface ScorerWeights {
  /** Weight of the length cost. */
  length: number;
  /** Weight of the lexical cost (per unit of link size (a + b)/2). */
  lexical: number;
  /** Similarity assumed when neither span has any lexical item. */
  neutralSimilarity: number;
  /** Cost of a quote closed at the end of a link on one side only (`QuoteScorer`). */
  quote: number;
  /** Cost of a question mark on one side only (half of it for an exclamation mark). */
  punctuation: number;
  /** Cost of a heading or caption linked with anything but its like (blocks only, `StructureScorer`). */
  structure: number;
  /** Margin weight λ: λ × the neighbour share (`SpanScores.neighbours`) is taken off the similarity; 0 turns margin scoring off. */
  margin: number;
  /** Cost of leaving one unit unlinked (1-0 or 0-1), on top of its prior (unused under `chanceSkip`). */
  skip: number;
  /**
   * Calibrate omissions on the document itself (`LinkScorer`): leaving a unit unlinked costs half
   * of a link at chance, and a merge holding a unit without its own support costs that much more.
   */
  chanceSkip: boolean;
  /** Probability of each link type, keyed `a-b`. */
  priors: Record<string, number>;
}

export const DEFAULT_WEIGHTS: ScorerWeights = {
  length: 0.4,
  lexical: 6,
  neutralSimilarity: 0.3,
  punctuation: 1,
  quote: 1.5,
  margin: 0.4,
  structure: 4,
  skip: 2,
  chanceSkip: false,
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
 * length weight is tuned down to 0.4 (`DEFAULT_WEIGHTS`; MAC-dev strict F1 .746 at 1.0, .865 at
 * 0.3, .878 at 0.4).
 */
export const BLOCK_WEIGHTS: Partial<ScorerWeights> = { length: 1, priors: BLOCK_PRIORS, chanceSkip: true };

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

/**
 * Kind (and heading depth, identity `blockIdentity`, whether it is a note, `isNoteBlock`, and a
 * table row's key, `rowKey`) of each unit (blocks); for sentences only their identities
 * (`segmentIdentity`), and only when both sides have one.
 */
export interface UnitKinds {
  zh?: readonly (BlockKind | undefined)[];
  en?: readonly (BlockKind | undefined)[];
  zhDepth?: readonly (number | undefined)[];
  enDepth?: readonly (number | undefined)[];
  zhIdentity?: readonly (BlockIdentity | undefined)[];
  enIdentity?: readonly (BlockIdentity | undefined)[];
  zhNote?: readonly boolean[];
  enNote?: readonly boolean[];
  /** Key of each table row (`rowKey` in `features.ts`: a first cell written without Han characters), else undefined. */
  zhKey?: readonly (string | undefined)[];
  enKey?: readonly (string | undefined)[];
}

/** Whether any of units [from, from + count) is a note (`UnitKinds.zhNote` / `enNote`). */
function holdsNote(notes: readonly boolean[] | undefined, from: number, count: number): boolean {
  if (notes) for (let k = from; k < from + count; k++) if (notes[k]) return true;
  return false;
}

/** Whether any of units [from, from + count) is of `kind`. */
function holdsKind(kinds: readonly (BlockKind | undefined)[], kind: BlockKind, from: number, count: number): boolean {
  for (let k = from; k < from + count; k++) if (kinds[k] === kind) return true;
  return false;
}

/** Whether a link of source units [i, i + a) with target units [j, j + b) holds a quote block and a block of another kind. */
function mixesQuote(zk: readonly (BlockKind | undefined)[], ek: readonly (BlockKind | undefined)[], i: number, a: number, j: number, b: number): boolean {
  let quote = false;
  let other = false;
  for (let k = i; k < i + a; k++) if (zk[k] === 'quote') quote = true; else other = true;
  for (let k = j; k < j + b; k++) if (ek[k] === 'quote') quote = true; else other = true;
  return quote && other;
}

/**
 * A scorer: one term of the link cost, or a composition of terms. `cost` is its cost of linking
 * source units [i, i + a) with target units [j, j + b), ≥ 0, under the contract of `LinkCost`
 * in `search.ts` (any number ≥ `limit` may be returned once the cost reaches `limit`). `agreement`, for scorers that
 * measure evidence that the two spans translate each other, is that evidence in [0, 1] for a
 * link with both sides (the link confidence, `linkConfidence`).
 *
 * The scorers are classes rather than closures made anew for every search: the search calls
 * them about a million times per pass on the Bible, where V8 inlining the methods of one class
 * keeps the composed cost within 2% of one hand-written function, and closures were 5–8% slower.
 */
export interface Scorer {
  cost(i: number, a: number, j: number, b: number, limit: number): number;
  agreement?(i: number, a: number, j: number, b: number): number;
}

/** Prefix sums of a per-unit figure, so that span totals take O(1). */
function prefixSums(units: readonly UnitFeatures[], pick: (f: UnitFeatures) => number): Float64Array {
  const out = new Float64Array(units.length + 1);
  for (let k = 0; k < units.length; k++) out[k + 1] = out[k] + pick(units[k]);
  return out;
}

/** Prior cost of an a-b link: −ln p (p = 0.001 for a type without a prior), plus `skip` for 1-0 and 0-1. */
function priorCost(weights: Pick<ScorerWeights, 'priors' | 'skip'>, a: number, b: number): number {
  const prior = -Math.log(weights.priors[`${a}-${b}`] ?? 0.001);
  return a === 0 || b === 0 ? prior + weights.skip : prior;
}

/** Largest side of a link type the prior table covers, plus one. */
const PRIOR_SIDE = 9;

/** The link-type prior (`priorCost`), read off a table of the types up to 8 units a side. */
export class PriorScorer implements Scorer {
  private readonly table = new Float64Array(PRIOR_SIDE * PRIOR_SIDE);

  constructor(weights: Pick<ScorerWeights, 'priors' | 'skip'>) {
    for (let a = 0; a < PRIOR_SIDE; a++) for (let b = 0; b < PRIOR_SIDE; b++) this.table[a * PRIOR_SIDE + b] = priorCost(weights, a, b);
  }

  cost(_i: number, a: number, _j: number, b: number): number {
    return this.table[a * PRIOR_SIDE + b];
  }
}

/**
 * Gale & Church's length term over the units' character lengths (`UnitFeatures.length`), a link
 * of two code blocks by the code model (`LengthModel.code`) when there is one: cost
 * `weight` · −ln(2·(1 − Φ(|δ|))) (`lengthCostTable`), 0 for 1-0 and 0-1 links; agreement
 * 2·(1 − Φ(|δ|)) (`lengthProbability`), δ from `lengthDelta`.
 */
export class LengthScorer implements Scorer {
  private readonly zhLength: Float64Array;
  private readonly enLength: Float64Array;

  constructor(zh: readonly UnitFeatures[], en: readonly UnitFeatures[], private readonly model: LengthModel, private readonly weight: number, private readonly kinds?: UnitKinds) {
    this.zhLength = prefixSums(zh, (f) => f.length);
    this.enLength = prefixSums(en, (f) => f.length);
  }

  private delta(i: number, a: number, j: number, b: number): number {
    const code = this.model.code && a === 1 && b === 1 && this.kinds?.zh?.[i] === 'code' && this.kinds.en?.[j] === 'code';
    return lengthDelta(code ? this.model.code! : this.model, this.zhLength[i + a] - this.zhLength[i], this.enLength[j + b] - this.enLength[j]);
  }

  cost(i: number, a: number, j: number, b: number): number {
    return a === 0 || b === 0 ? 0 : this.weight * lengthCostTable(this.delta(i, a, j, b));
  }

  agreement(i: number, a: number, j: number, b: number): number {
    return lengthProbability(this.delta(i, a, j, b));
  }
}

/** `weight` when a question mark (? ？) is on one side of the link only, plus half of it for an exclamation mark (! ！); 0 for 1-0 and 0-1. */
export class PunctuationScorer implements Scorer {
  private readonly zhQuestions: Float64Array;
  private readonly enQuestions: Float64Array;
  private readonly zhExclamations: Float64Array;
  private readonly enExclamations: Float64Array;

  constructor(zh: readonly UnitFeatures[], en: readonly UnitFeatures[], private readonly weight: number) {
    this.zhQuestions = prefixSums(zh, (f) => f.questions);
    this.enQuestions = prefixSums(en, (f) => f.questions);
    this.zhExclamations = prefixSums(zh, (f) => f.exclamations);
    this.enExclamations = prefixSums(en, (f) => f.exclamations);
  }

  cost(i: number, a: number, j: number, b: number): number {
    if (a === 0 || b === 0) return 0;
    let marks = 0;
    if ((this.zhQuestions[i + a] - this.zhQuestions[i] > 0) !== (this.enQuestions[j + b] - this.enQuestions[j] > 0)) marks += this.weight;
    if ((this.zhExclamations[i + a] - this.zhExclamations[i] > 0) !== (this.enExclamations[j + b] - this.enExclamations[j] > 0)) marks += this.weight * 0.5;
    return marks;
  }
}

/**
 * The lexical term: cost `lexical` · (1 − similarity) · (a + b)/2, the similarity being
 * `neutralSimilarity` when neither span has a lexical item, else, with neighbour shares and a
 * margin weight λ > 0, max(0, similarity − λ · neighbour share) — the neighbour share looked up
 * only when the cost without it (a lower bound) stays below `limit`; 0 for 1-0 and 0-1 links.
 * Agreement: the similarity without margin, 0.5 when neither span has a lexical item.
 */
export class LexicalScorer implements Scorer {
  private readonly plain: SpanScores['plain'];
  private readonly neighbours: SpanScores['neighbours'];

  constructor(scores: SpanScores, private readonly weights: Pick<ScorerWeights, 'lexical' | 'neutralSimilarity' | 'margin'>) {
    this.plain = scores.plain;
    this.neighbours = weights.margin > 0 ? scores.neighbours : undefined;
  }

  cost(i: number, a: number, j: number, b: number, limit: number): number {
    if (a === 0 || b === 0) return 0;
    const { lexical, neutralSimilarity, margin } = this.weights;
    const size = (a + b) / 2;
    let sim = this.plain(i, a, j, b);
    if (sim !== sim) return lexical * (1 - neutralSimilarity) * size;
    if (this.neighbours) {
      const bound = lexical * (1 - sim) * size;
      if (bound >= limit) return bound;
      sim = Math.max(0, sim - margin * this.neighbours(i, a, j, b));
    }
    return lexical * (1 - sim) * size;
  }

  agreement(i: number, a: number, j: number, b: number): number {
    const sim = this.plain(i, a, j, b);
    return sim !== sim ? 0.5 : sim;
  }
}

/** Everything the link scorer needs about one alignment problem. */
export interface ScorerInput {
  zh: readonly UnitFeatures[];
  en: readonly UnitFeatures[];
  /** Span similarity, with neighbour shares for margin scoring (without them the margin weight is ignored). */
  scores: SpanScores;
  length: LengthModel;
  weights: ScorerWeights;
  /** Block kinds, when the units are blocks: a link of two code blocks is measured by `LengthModel.code`. */
  kinds?: UnitKinds;
}

/**
 * The link scorer of sentences and coarse units (blocks add `StructureScorer` around it): the
 * prior, length, punctuation, quote-closure and lexical terms added in that order — the lexical term, the
 * costly one, last, so that a link whose other terms already reach the limit is never compared;
 * a 1-0 or 0-1 link costs its prior alone, the other terms being 0 for it. Agreement: the mean
 * of the length and lexical agreements.
 *
 * Under `chanceSkip` (blocks) omissions and additions are priced on the document itself
 * (`chanceLinks`): a 1-0 or 0-1 link costs half the median cost of a 1-1 link between units that
 * are not each other's translation, and a merge (2-1, 1-2 and wider) one of whose merged units has
 * no more of its own lexical support on the other side (`SpanScores.unitShare`) than it has in
 * chance pairs
 * costs that much more — the pooled similarity of a merge hides a unit nothing supports (on
 * docs-dev, an untranslated block was merged into its neighbour two times in three).
 */
export class LinkScorer implements Scorer {
  private readonly prior: PriorScorer;
  private readonly length: LengthScorer;
  private readonly punctuation: PunctuationScorer;
  private readonly quote: QuoteScorer;
  private readonly lexical: LexicalScorer;
  /** Under `chanceSkip`: own support of a unit (`SpanScores.unitShare`), each unit's share at chance, and the cost of a 1-0 or 0-1 link. */
  private readonly unitShare?: SpanScores['unitShare'];
  private readonly zhChance: Float64Array = new Float64Array(0);
  private readonly enChance: Float64Array = new Float64Array(0);
  private readonly unlinked: number = NaN;

  constructor(input: ScorerInput) {
    const { zh, en, scores, length, weights } = input;
    this.prior = new PriorScorer(weights);
    this.length = new LengthScorer(zh, en, length, weights.length, input.kinds);
    this.punctuation = new PunctuationScorer(zh, en, weights.punctuation);
    this.quote = new QuoteScorer(zh, en, weights.quote);
    this.lexical = new LexicalScorer(scores, weights);
    if (!weights.chanceSkip) return;
    const chance = chanceLinks(zh.length, en.length, scores.unitShare, (i, j) => this.linkCost(i, 1, j, 1, Infinity));
    if (!chance) return;
    this.unlinked = chance.cost / 2;
    this.zhChance = chance.zh;
    this.enChance = chance.en;
    this.unitShare = scores.unitShare;
  }

  private linkCost(i: number, a: number, j: number, b: number, limit: number): number {
    let cost = this.prior.cost(i, a, j, b);
    if (a === 0 || b === 0) return cost;
    cost += this.length.cost(i, a, j, b);
    cost += this.punctuation.cost(i, a, j, b);
    cost += this.quote.cost(i, a, j, b);
    if (cost >= limit) return cost;
    return cost + this.lexical.cost(i, a, j, b, limit - cost);
  }

  /** Whether a unit of the merged side(s) of a link meets the other span no better than it meets units at chance. */
  private unsupported(i: number, a: number, j: number, b: number): boolean {
    const share = this.unitShare!;
    if (a >= 2) for (let k = i; k < i + a; k++) if (share(true, k, j, b) >= 0 && share(true, k, j, b) <= this.zhChance[k]) return true;
    if (b >= 2) for (let k = j; k < j + b; k++) if (share(false, k, i, a) >= 0 && share(false, k, i, a) <= this.enChance[k]) return true;
    return false;
  }

  cost(i: number, a: number, j: number, b: number, limit: number): number {
    if (!this.unitShare) return this.linkCost(i, a, j, b, limit);
    if (a === 0 || b === 0) return this.unlinked;
    const cost = this.linkCost(i, a, j, b, limit);
    // A merged unit that meets the other span no better than chance is an omission (or addition)
    // beside a link, not part of it: the merge pays at least what leaving it unlinked would.
    if ((a >= 2 || b >= 2) && cost < limit && this.unsupported(i, a, j, b)) return cost + this.unlinked;
    return cost;
  }

  agreement(i: number, a: number, j: number, b: number): number {
    return (this.lexical.agreement(i, a, j, b) + this.length.agreement(i, a, j, b)) / 2;
  }

  /** Cost of a 1-1 link of two units known to be the same text (`StructureScorer`): its prior, every other term 0. */
  identityCost(i: number, j: number): number {
    return this.prior.cost(i, 1, j, 1);
  }
}

/** Off-diagonal offsets at which `chanceLinks` samples pairs of units that are not each other's translation. */
const CHANCE_OFFSETS = [-3, -2, 2, 3];

/**
 * Links at chance, sampled on 1-1 pairs of units two or three units off the diagonal of
 * proportional position (zh unit i meets en unit ≈ i · m/n), which in a monotonic translation are
 * not each other's counterparts: `cost` is the median cost of those links (pairs where neither unit
 * has lexical items left out), `zh[i]` / `en[j]` the median share of a unit's items matched by
 * its chance partners (0 without any) — a unit that names the document's product everywhere has
 * a high one. Undefined when no pair has items. Used by `LinkScorer` under `chanceSkip`: leaving a
 * unit unlinked costs half a chance link, so that a 1-1 link worse than chance loses to a 1-0
 * and a 0-1.
 */
function chanceLinks(n: number, m: number, unitShare: SpanScores['unitShare'], cost: (i: number, j: number) => number): { cost: number; zh: Float64Array; en: Float64Array } | undefined {
  const costs: number[] = [];
  const zhShares: number[][] = Array.from({ length: n }, () => []);
  const enShares: number[][] = Array.from({ length: m }, () => []);
  for (let i = 0; i < n; i++) {
    const diagonal = Math.round(((i + 0.5) * m) / n - 0.5);
    for (const offset of CHANCE_OFFSETS) {
      const j = diagonal + offset;
      if (j < 0 || j >= m) continue;
      const zhShare = unitShare(true, i, j, 1);
      const enShare = unitShare(false, j, i, 1);
      if (zhShare >= 0) zhShares[i].push(zhShare);
      if (enShare >= 0) enShares[j].push(enShare);
      if (zhShare >= 0 || enShare >= 0) costs.push(cost(i, j));
    }
  }
  if (costs.length === 0) return undefined;
  const chance = (shares: number[][]) => Float64Array.from(shares, (list) => (list.length > 0 ? median(list) : 0));
  return { cost: median(costs), zh: chance(zhShares), en: chance(enShares) };
}

const SPECIAL: ReadonlySet<BlockKind | undefined> = new Set(['heading', 'caption', 'code', 'image', 'html'] as const);

/**
 * The structure rule of blocks, around the link scorer (`LinkScorer`): a link holding a heading,
 * caption, code, image or raw HTML block costs `weight` more unless it is one heading (caption, code block,
 * image, HTML block) with one of its kind — `weight`/4 more when their heading depths differ; a
 * translator's or editor's note, byline or end marker (`UnitKinds.zhNote`, `isNoteBlock` in
 * `pipeline/text/notes.ts`) costs `weight` more in any link but a 1-1, and so does a link wider
 * than 1-1 holding list items on both sides: items of a list translated as a list stay one for
 * one (on docs-dev two Chinese items were merged against one English item, the English item after
 * them left 0-1), while items folded into paragraphs (a list on one side only) may still merge;
 * so does a link wider than 1-1 holding a quote and a block of another kind: a blockquote is set
 * apart on purpose and kept so in translation, while an untranslated one beside a paragraph was
 * merged into that paragraph's link (no docs-dev gold link mixes a quote with another kind, but a
 * quote may still be 1-1 with a paragraph, a translator having dropped the `>`).
 * 1-0 and 0-1 links are free
 * of it, so an untranslated heading or note stays alone rather than merging into the next
 * paragraph. A 1-1 link of two blocks written alike (`identicalBlocks`) costs only its
 * prior (`LinkScorer.identityCost`) and has agreement 1; other links, the inner scorer's agreement.
 * Table rows keyed alike (`UnitKinds.zhKey`, `rowKey`: an API table's `confirm-button-text` in
 * both languages) are linked by that identity too — a 1-1 link of two rows with the same key costs
 * its prior alone (its agreement stays the inner scorer's: the rest of the row is translated), a
 * 1-1 link of two rows with different keys pays `weight`: on the vant docs the lexical and length
 * terms alone paired 29 of 2,899 row links with a row of another key (`确认按钮文案` with
 * "Cancel button text"). The same identity serves sentences: there the kinds hold identities only
 * (`segmentIdentity`), so two table cells copied alike (`string`, `-`) link 1-1.
 */
export class StructureScorer implements Scorer {
  constructor(private readonly inner: LinkScorer, private readonly kinds: UnitKinds, private readonly weight: number) {}

  /** The penalty of a link in [0, 1] (see the class comment). */
  private penalty(i: number, a: number, j: number, b: number): number {
    const zk = this.kinds.zh;
    const ek = this.kinds.en;
    if (!zk || !ek || a === 0 || b === 0) return 0;
    if (a + b >= 3 && (holdsNote(this.kinds.zhNote, i, a) || holdsNote(this.kinds.enNote, j, b))) return 1;
    if (a + b >= 3 && holdsKind(zk, 'listItem', i, a) && holdsKind(ek, 'listItem', j, b)) return 1;
    if (a + b >= 3 && mixesQuote(zk, ek, i, a, j, b)) return 1;
    let special = false;
    for (let k = i; k < i + a; k++) if (SPECIAL.has(zk[k])) special = true;
    for (let k = j; k < j + b; k++) if (SPECIAL.has(ek[k])) special = true;
    if (a === 1 && b === 1 && this.keysDiffer(i, j)) return 1;
    if (!special) return 0;
    if (a === 1 && b === 1 && zk[i] === ek[j]) return this.kinds.zhDepth?.[i] === this.kinds.enDepth?.[j] ? 0 : 0.25;
    return 1;
  }

  /** Whether source unit i and target unit j are written alike (both have an identity, and it matches). */
  private identical(i: number, j: number): boolean {
    const x = this.kinds.zhIdentity?.[i];
    const y = this.kinds.enIdentity?.[j];
    return x !== undefined && y !== undefined && identicalBlocks(x, y);
  }

  /** Whether source unit i and target unit j are table rows with keys (`UnitKinds.zhKey`), the same one. */
  private sameKey(i: number, j: number): boolean {
    const x = this.kinds.zhKey?.[i];
    return x !== undefined && x === this.kinds.enKey?.[j];
  }

  /** Whether source unit i and target unit j are table rows with keys, different ones. */
  private keysDiffer(i: number, j: number): boolean {
    const x = this.kinds.zhKey?.[i];
    const y = this.kinds.enKey?.[j];
    return x !== undefined && y !== undefined && x !== y;
  }

  cost(i: number, a: number, j: number, b: number, limit: number): number {
    const penalty = this.weight * this.penalty(i, a, j, b);
    if (a === 1 && b === 1 && (this.identical(i, j) || this.sameKey(i, j))) return penalty + this.inner.identityCost(i, j);
    return penalty + this.inner.cost(i, a, j, b, limit - penalty);
  }

  agreement(i: number, a: number, j: number, b: number): number {
    return a === 1 && b === 1 && this.identical(i, j) ? 1 : this.inner.agreement(i, a, j, b);
  }
}

/**
 * Confidence in [0, 1] of a link, rounded to 3 decimals: the scorer's agreement (for
 * `LinkScorer`, the mean of the lexical similarity and the length agreement 2·(1 − Φ(|δ|)));
 * 0 for 1-0 and 0-1 links, which have no evidence of a counterpart, and for a scorer without one.
 */
export function linkConfidence(scorer: Scorer, i: number, a: number, j: number, b: number): number {
  if (a === 0 || b === 0 || !scorer.agreement) return 0;
  const score = scorer.agreement(i, a, j, b);
  return Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
}

/**
 * A lower bound of `LinkScorer`'s cost for every link of the given type: its prior, plus the
 * skip cost for 1-0 and 0-1 links (every other term is ≥ 0 for non-negative weights; under
 * `chanceSkip` a 1-0 or 0-1 link costs what the document's chance links say instead, so for them
 * this is only an estimate). The search tries link types in increasing order of it, so that the first, likeliest ones set a low
 * cost limit for the rest (see `LinkCost`).
 */
export function costFloor(weights: ScorerWeights, type: LinkType): number {
  return priorCost(weights, type.a, type.b);
}

/** Link types the search tries: 0-1, 1-0 and every a-b with 1 ≤ a, b and a + b ≤ `maxSum`, a, b ≤ `maxSide`. */
export function linkTypes(maxSide: number, maxSum: number): LinkType[] {
  const types: LinkType[] = [{ a: 1, b: 0 }, { a: 0, b: 1 }];
  for (let a = 1; a <= maxSide; a++) for (let b = 1; b <= maxSide; b++) if (a + b <= maxSum) types.push({ a, b });
  return types;
}
