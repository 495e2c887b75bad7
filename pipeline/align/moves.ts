/**
 * Moved sections: blocks the translator put elsewhere (zh A B C D, en A C D B). The block search
 * is monotonic, so where the truth crosses it pairs blocks by position, and such a pair may score
 * like a loose translation (0.40–0.62 on the pairs of issue 9). `detectMoves` looks, after the
 * search, for a block whose translation is elsewhere: a Chinese block with far more lexical
 * evidence for an English block the alignment put on the other side of the path than for the
 * blocks it was linked with — evidence read with the aligner's own span similarity
 * (`spanSimilarity`, `lexical.ts`: dictionary, numbers, names, Latin words) and identity
 * (`identicalBlocks`, `features.ts`).
 *
 * A pair needs `MIN_EVIDENCE` on its own; the blocks beside it join its section with less
 * (see `detectMoves`). A moved block the search paired by position with an English block that
 * translates nothing moved is unlinked from it (`unpairMoved`).
 *
 * Linear-ish: only blocks of links scoring below `MOVE_CANDIDATE_SCORE` are examined, each against
 * the English blocks sharing `MIN_SHARED` rare stems with it (an index of stems held by at most
 * `RARE_BLOCKS` English blocks) and, when unlinked, against the unlinked English blocks at most
 * `UNLINKED_REACH` links away — not against every block.
 *
 * The thresholds were set on docs-dev and invented cases: docs-dev gives two of its three gold
 * crossing pairs and no other move; MAC-dev and the Zhongnanhai pair give none
 * (test/align-moves.test.ts), nor does the Bible with one sentence a unit (measured, 2026-12-02).
 */
import type { Bitext, BlockId, BlockLink, MovedSection } from '../types.ts';
import { loadLexicon, type Lexicon } from './lexicon/cedict.ts';
import { blockIdentity, chineseFeatures, createVocabulary, englishFeatures, englishNames, identicalBlocks, type UnitFeatures } from './features.ts';
import { sentencesByBlock } from '../segment/index.ts';
import { spanSimilarity } from './lexical.ts';
import { fullBand } from './search.ts';

/** Links scoring below this are examined: pairs made across a move score 0.40–0.62 (issue 9), and a link scoring higher has its own support. */
export const MOVE_CANDIDATE_SCORE = 0.65;
/** A stem found in at most this many English blocks is rare enough to propose a pair. */
const RARE_BLOCKS = 3;
/** Least number of rare stems a Chinese block must share with an English block to be compared with it: one shared word is chance. */
const MIN_SHARED = 2;
/** How many links away an unlinked (1-0) Chinese block looks for an unlinked (0-1) English block to have swapped with. */
const UNLINKED_REACH = 6;
/** Least similarity of a Chinese block with the English block it is said to have moved to. */
const MIN_EVIDENCE = 0.6;
/** The same for a 1-0 block and a 0-1 block: neither has a link competing for it, so half its words matched is enough. */
const MIN_UNLINKED_EVIDENCE = 0.5;
/** Least number of lexical items of each unit of a swap inside one link: a one-word unit ("Very well.") matches a neighbour by chance. */
const MIN_SWAP_ITEMS = 2;
/** How much more that similarity must be than the support of the links holding either block. */
const MIN_MARGIN = 0.25;

/** Similarity of all of `zh` with all of `en` (the aligner's span similarity, `spanSimilarity`); 0 when neither side has a lexical item. */
function similarity(zh: readonly UnitFeatures[], en: readonly UnitFeatures[]): number {
  if (zh.length === 0 || en.length === 0) return 0;
  const sim = spanSimilarity(zh, en, fullBand(zh.length, en.length), zh.length, en.length).plain(0, zh.length, 0, en.length);
  return sim === sim ? sim : 0;
}

/** `map`'s value for `key`, computed by `compute` the first time. */
function memo(map: Map<number, number>, key: number, compute: () => number): number {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = compute()));
  return value;
}

/** A Chinese block and the English block that holds its translation according to the lexical evidence. */
interface MovedPair {
  i: number;
  j: number;
  evidence: number;
}

/**
 * Find the sections of `bitext` the translator likely moved and mark them. Returns a new bitext:
 * `moves` lists each moved section (consecutive Chinese blocks, the consecutive English blocks
 * holding their translation, the links that pair them elsewhere, the mean similarity of the moved
 * pairs), and every such link gets `moved: true` and its score multiplied by min(1, support /
 * evidence) — the link's similarity for the moved block over the evidence that the block belongs
 * elsewhere, which for a pair across the path is below 1 − `MIN_MARGIN` / evidence, so it scores low.
 * `moves` is empty when nothing moved. A 1-1 link that paired a moved block by position with an
 * English block of no moved pair is split into a 1-0 and a 0-1 (`unpairMoved`), so the links
 * returned may outnumber those given. Blocks' links must cover every block once, in order (as
 * `alignBitext` gives them). `lexicon` defaults to CC-CEDICT (`loadLexicon`).
 */
export function detectMoves(bitext: Bitext, lexicon: Lexicon = loadLexicon()): Bitext {
  const { source, target, links } = bitext;
  const vocabulary = createVocabulary(lexicon);
  const enTexts = target.blocks.map((b) => b.text);
  const zh = chineseFeatures(source.blocks.map((b) => b.text), vocabulary, englishNames(enTexts));
  const en = englishFeatures(enTexts, vocabulary);
  const zhIdentity = source.blocks.map((b) => blockIdentity(b.text, b.kind));
  const enIdentity = target.blocks.map((b) => blockIdentity(b.text, b.kind));
  const zhLink = new Int32Array(zh.length);
  const enLink = new Int32Array(en.length);
  links.forEach((l, k) => {
    for (const i of l.source) zhLink[i] = k;
    for (const j of l.target) enLink[j] = k;
  });
  // Both-sided links up to each link position, to tell whether a pair crosses the path.
  const twoSided = new Int32Array(links.length + 1);
  links.forEach((l, k) => (twoSided[k + 1] = twoSided[k] + (l.source.length > 0 && l.target.length > 0 ? 1 : 0)));

  const pick = (units: readonly UnitFeatures[], ids: readonly number[]) => ids.map((x) => units[x]);
  const zhSupports = new Map<number, number>();
  const enSupports = new Map<number, number>();
  const zhSupport = (i: number) => memo(zhSupports, i, () => similarity([zh[i]], pick(en, links[zhLink[i]].target)));
  const enSupport = (j: number) => memo(enSupports, j, () => similarity(pick(zh, links[enLink[j]].source), [en[j]]));
  const pairEvidence = (i: number, j: number) => {
    const x = zhIdentity[i];
    const y = enIdentity[j];
    return x && y && identicalBlocks(x, y) ? 1 : similarity([zh[i]], [en[j]]);
  };

  // English blocks by stem, for the stems of few blocks.
  const blocksOfStem = new Map<number, number[]>();
  en.forEach((f, j) => {
    for (const stem of new Set(f.stems)) {
      const list = blocksOfStem.get(stem) ?? [];
      if (list.length <= RARE_BLOCKS) list.push(j);
      blocksOfStem.set(stem, list);
    }
  });

  const pairs: MovedPair[] = [];
  for (let i = 0; i < zh.length; i++) {
    if (links[zhLink[i]].score >= MOVE_CANDIDATE_SCORE) continue;
    const shared = new Map<number, number>();
    for (const stem of new Set(zh[i].stems)) {
      const list = blocksOfStem.get(stem);
      if (list && list.length <= RARE_BLOCKS) for (const j of list) if (enLink[j] !== zhLink[i]) shared.set(j, (shared.get(j) ?? 0) + 1);
    }
    // An unlinked block is also compared with the unlinked English blocks a few links away, rare
    // words or not: a swap of two short blocks (a heading, a menu item) leaves a 1-0 and a 0-1 on
    // either side of a link, and such blocks share too few words for the index.
    if (links[zhLink[i]].target.length === 0) {
      for (let k = Math.max(0, zhLink[i] - UNLINKED_REACH); k <= Math.min(links.length - 1, zhLink[i] + UNLINKED_REACH); k++) {
        if (links[k].source.length === 0) for (const j of links[k].target) shared.set(j, Math.max(shared.get(j) ?? 0, MIN_SHARED));
      }
    }
    let best: MovedPair | undefined;
    for (const [j, count] of shared) {
      if (count < MIN_SHARED) continue;
      const evidence = pairEvidence(i, j);
      const unlinked = links[zhLink[i]].target.length === 0 && links[enLink[j]].source.length === 0;
      if (evidence < (unlinked ? MIN_UNLINKED_EVIDENCE : MIN_EVIDENCE) || (best && evidence <= best.evidence)) continue;
      if (evidence - Math.max(zhSupport(i), enSupport(j)) < MIN_MARGIN) continue;
      best = { i, j, evidence };
    }
    if (best) pairs.push(best);
  }
  // Inside a link of several blocks a side, a swap: blocks i < i' whose translations are j' > j.
  for (const link of links) {
    if (link.score >= MOVE_CANDIDATE_SCORE || link.source.length < 2 || link.target.length < 2) continue;
    for (const i of link.source) for (const i2 of link.source) for (const j of link.target) for (const j2 of link.target) {
      if (!(i < i2 && j < j2)) continue;
      if ([zh[i], zh[i2], en[j], en[j2]].some((f) => f.start.length - 1 < MIN_SWAP_ITEMS)) continue;
      // Each crossed pair must beat both straight ones: a link whose blocks all share words is a merge, not a swap.
      const crossed = [pairEvidence(i, j2), pairEvidence(i2, j)];
      const straight = Math.max(pairEvidence(i, j), pairEvidence(i2, j2));
      if (Math.max(...crossed) >= MIN_EVIDENCE && Math.min(...crossed) - straight >= MIN_MARGIN) {
        pairs.push({ i, j: j2, evidence: crossed[0] }, { i: i2, j, evidence: crossed[1] });
      }
    }
  }
  // A pair is a move when it crosses the path (a both-sided link between its two links) or
  // another such pair; a pair beside the path (a 1-0 next to a 0-1) is a missed link, not a move.
  const crossesPath = (p: MovedPair) => {
    const [lo, hi] = [zhLink[p.i], enLink[p.j]].sort((x, y) => x - y);
    return twoSided[hi] - twoSided[lo + 1] > 0;
  };
  const moved = pairs.filter((p) => crossesPath(p) || pairs.some((q) => (q.i - p.i) * (q.j - p.j) < 0));
  // A section moves as a whole: its neighbours (a short heading, whose evidence alone is too thin)
  // join it when they too have more evidence there than where the alignment put them.
  const taken = new Set(moved.map((p) => p.i));
  for (const p of [...moved]) {
    for (const step of [-1, 1]) {
      for (let i = p.i + step, j = p.j + step; i >= 0 && j >= 0 && i < zh.length && j < en.length && !taken.has(i) && zhLink[i] !== enLink[j]; i += step, j += step) {
        const evidence = pairEvidence(i, j);
        if (evidence === 0 || evidence - Math.max(zhSupport(i), enSupport(j)) < MIN_MARGIN) break;
        taken.add(i);
        moved.push({ i, j, evidence });
      }
    }
  }
  const unpaired = unpairMoved(bitext, moved);
  if (unpaired !== links) {
    unpaired.forEach((l, k) => {
      for (const i of l.source) zhLink[i] = k;
      for (const j of l.target) enLink[j] = k;
    });
  }
  return { ...bitext, ...markMoves(unpaired, moved, zhLink, enLink, { zh: zhSupport, en: enSupport }) };
}

/**
 * A 1-1 link that paired a moved block by position (its translation being elsewhere, `pairs`)
 * with an English block that is no moved block's translation is no translation pair: it becomes a
 * 1-0 and a 0-1 link (score 0, one 1-0 / 0-1 sentence link per segment), so that the English block
 * is reported as an addition and the memory gets no unit from it. On docs-dev a paragraph that
 * swapped places with a code block was linked with the English-only quote at its place. Returns
 * `bitext.links` itself when no link is split.
 */
function unpairMoved(bitext: Bitext, pairs: readonly MovedPair[]): BlockLink[] {
  const { source, target, links } = bitext;
  const movedTargets = new Set(pairs.map((p) => p.j));
  const movedAt = new Map(pairs.map((p) => [p.i, p.j]));
  const split = links.filter((l) => l.source.length === 1 && l.target.length === 1 && movedAt.has(l.source[0]) && movedAt.get(l.source[0]) !== l.target[0] && !movedTargets.has(l.target[0]));
  if (split.length === 0) return links as BlockLink[];
  const zhSegments = sentencesByBlock(source.segments, source.blocks.length);
  const enSegments = sentencesByBlock(target.segments, target.blocks.length);
  return links.flatMap((l): BlockLink[] => {
    if (!split.includes(l)) return [l];
    const [i, j] = [l.source[0], l.target[0]];
    return [
      { source: [i], target: [], score: 0, sentences: zhSegments[i].map((s) => ({ source: [s.index], target: [], score: 0 })) },
      { source: [], target: [j], score: 0, sentences: enSegments[j].map((s) => ({ source: [], target: [s.index], score: 0 })) },
    ];
  });
}

/**
 * Group moved pairs into sections (runs of consecutive Chinese blocks whose English blocks are
 * consecutive too) and mark the links they were paired by.
 */
function markMoves(links: readonly BlockLink[], pairs: readonly MovedPair[], zhLink: Int32Array, enLink: Int32Array, support: { zh: (i: number) => number; en: (j: number) => number }): { links: BlockLink[]; moves: MovedSection[] } {
  const sections: MovedPair[][] = [];
  for (const p of [...pairs].sort((x, y) => x.i - y.i)) {
    const last = sections.at(-1)?.at(-1);
    if (last && p.i === last.i + 1 && p.j === last.j + 1) sections.at(-1)!.push(p);
    else sections.push([p]);
  }
  const out = [...links];
  const moves = sections.map((run): MovedSection => {
    const marked = new Set<number>();
    for (const p of run) {
      for (const k of [zhLink[p.i], enLink[p.j]]) {
        const link = out[k];
        if (marked.has(k) || link.source.length === 0 || link.target.length === 0) continue;
        marked.add(k);
        if (link.moved) continue;
        // The link's support for the moved block against the evidence of the pair it crosses.
        const own = k === zhLink[p.i] ? support.zh(p.i) : support.en(p.j);
        out[k] = { ...link, moved: true, score: Math.round(link.score * Math.min(1, own / p.evidence) * 1000) / 1000 };
      }
    }
    return {
      source: run.map((p) => p.i as BlockId),
      target: run.map((p) => p.j as BlockId),
      links: [...marked].sort((x, y) => x - y),
      evidence: Math.round((run.reduce((s, p) => s + p.evidence, 0) / run.length) * 1000) / 1000,
    };
  });
  return { links: out, moves };
}
