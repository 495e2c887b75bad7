/**
 * Lexical similarity of spans: for every unit of the link, the share of its items that have a
 * translation on the other side of the link (a Chinese word whose stems occur in the English
 * span, an English word among the Chinese span's stems), averaged over the units that have items
 * (dictionary coverage, cf. Varga et al. 2005 — in a prototype measured on MAC-dev it was most of
 * the gain over length alone, strict F1 .58 → .80 — taken per unit so that a unit with no
 * counterpart lowers the score by its full share however short it is).
 *
 * For speed it is computed from a table over the unit pairs the search can visit: for each pair
 * (zh unit i, en unit j), a bit mask of the items of i matched by j and of the items of j matched
 * by i (one pass over j's stems against an index of i's stems); then, for each unit and each span
 * of up to maxSide units on the other side starting at a position, the covered share (population
 * count of the OR of the masks). A link's similarity is a few lookups.
 */
import type { Band } from './search.ts';
import type { UnitFeatures } from './features.ts';

/** Similarity of spans [i, i+a) × [j, j+b) in [0, 1]; NaN when no unit of either span has any item. */
export type SpanSimilarity = (i: number, a: number, j: number, b: number) => number;

/**
 * The similarity of spans (`plain`) and, when asked for, `neighbours`: the mean share of the
 * span's units against same-sized spans beside the link (a gap of one unit, up to four spans on
 * each side) for margin scoring — the scorer subtracts λ × it from the similarity (floored at 0),
 * which damps units that resemble everything (cf. Artetxe & Schwenk 2019; in a prototype on MAC-dev
 * and held-out MAC chapters it added .012 to .026 strict F1).
 */
export interface SpanScores {
  plain: SpanSimilarity;
  /**
   * Own support of one unit: the share of the items of zh unit `u` (`zhSide`) matched by en units
   * [start, start + size), or of en unit `u` by zh units [start, start + size); −1 for a unit
   * without items, 0 for a span outside the table.
   */
  unitShare: (zhSide: boolean, u: number, start: number, size: number) => number;
  neighbours?: (i: number, a: number, j: number, b: number) => number;
}

/** Neighbouring spans on each side used by margin scoring. */
const MARGIN_SPANS = 4;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function itemCount(f: UnitFeatures): number {
  return f.start.length - 1;
}

/** 32-bit words of a unit's item bit mask (at least one). */
function maskWords(f: UnitFeatures): number {
  return Math.max(1, Math.ceil(itemCount(f) / 32));
}

/**
 * Pairs of the table: zh unit i meets en units [jFrom[i], jTo[i]) — every pair a link of at most
 * maxA × maxB units in `band` touches, widened by `zhReach` en units and `enReach` zh units —
 * and en unit j meets zh units [iFrom[j], iTo[j]) (the same pairs seen from the other side).
 */
function pairRanges(n: number, m: number, band: Band, maxA: number, zhReach: number, enReach: number) {
  const jFrom = new Int32Array(n);
  const jTo = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    jFrom[i] = Math.max(0, band.lo[Math.max(0, i - maxA + 1 - enReach)] - zhReach);
    jTo[i] = Math.max(jFrom[i], Math.min(m, band.hi[Math.min(n, i + maxA + enReach)] + zhReach));
  }
  // jFrom and jTo never decrease (the band's lo and hi do not), so each en unit's zh units are contiguous.
  const iFrom = new Int32Array(m).fill(n);
  const iTo = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    for (let j = jFrom[i]; j < jTo[i]; j++) {
      if (i < iFrom[j]) iFrom[j] = i;
      iTo[j] = i + 1;
    }
  }
  for (let j = 0; j < m; j++) if (iTo[j] < iFrom[j]) iTo[j] = iFrom[j];
  return { jFrom, jTo, iFrom, iTo };
}

/** Per unit, the offset of its first pair in a table with `perPair` entries per pair. */
function pairOffsets(from: Int32Array, to: Int32Array, perPair: (u: number) => number): Int32Array {
  const base = new Int32Array(from.length + 1);
  for (let u = 0; u < from.length; u++) base[u + 1] = base[u] + (to[u] - from[u]) * perPair(u);
  return base;
}

/**
 * Match masks of every pair: bit k of zh unit i's mask for en unit j is set when item k of i has
 * a stem among j's items, and likewise for j's items against i's stems. For each zh unit its
 * stems are indexed (stem → the unit's items holding it, a linked list) and every en unit in its
 * range looks its stems up there, marking a zh item once per pair, so the cost is the number of
 * pairs times the items per unit (linear in a unit's size).
 */
function matchMasks(zh: readonly UnitFeatures[], en: readonly UnitFeatures[], ranges: ReturnType<typeof pairRanges>) {
  const { jFrom, jTo, iFrom } = ranges;
  const zhWords = zh.map(maskWords);
  const enWords = en.map(maskWords);
  const zhBase = pairOffsets(jFrom, jTo, (i) => zhWords[i]);
  const enBase = pairOffsets(iFrom, ranges.iTo, (j) => enWords[j]);
  const zhMask = new Int32Array(zhBase[zh.length]);
  const enMask = new Int32Array(enBase[en.length]);
  let vocabularySize = 1;
  for (const f of zh) for (let k = 0; k < f.stems.length; k++) if (f.stems[k] >= vocabularySize) vocabularySize = f.stems[k] + 1;
  // Stems held on each side (bit 1: a Chinese unit, bit 2: an English one): only stems held on
  // both can match, so only they are scanned and indexed.
  const held = new Uint8Array(vocabularySize);
  for (const f of zh) for (let k = 0; k < f.stems.length; k++) held[f.stems[k]] = 1;
  for (const f of en) for (let k = 0; k < f.stems.length; k++) if (f.stems[k] < vocabularySize) held[f.stems[k]] |= 2;
  // English stems that can match, flattened: unit j's are enStem[enFirst[j] .. enFirst[j+1]),
  // of items enItem[…]. The others (a fifth of the Bible's English words: no Chinese gloss uses
  // them) would be looked up for every pair.
  const enFirst = new Int32Array(en.length + 1);
  let enStems = 0;
  for (const f of en) enStems += f.stems.length;
  const enStem = new Int32Array(enStems);
  const enItem = new Int32Array(enStems);
  let y0 = 0;
  for (let j = 0; j < en.length; j++) {
    const f = en[j];
    for (let q = 0; q + 1 < f.start.length; q++) {
      for (let y = f.start[q]; y < f.start[q + 1]; y++) {
        if (f.stems[y] >= vocabularySize || held[f.stems[y]] !== 3) continue;
        enStem[y0] = f.stems[y];
        enItem[y0++] = q;
      }
    }
    enFirst[j + 1] = y0;
  }
  const owner = new Int32Array(vocabularySize).fill(-1);
  const head = new Int32Array(vocabularySize);
  // Pair (numbered from 1 in visiting order) whose zh items of a stem are already marked: a stem repeated
  // in the en unit marks the same zh items again, which for one unpunctuated paragraph of a few
  // hundred common words (one unit of 150,000 characters a side) cost en items × zh items.
  const marked = new Int32Array(vocabularySize);
  let pair = 0;
  let next = new Int32Array(64);
  let itemOf = new Int32Array(64);
  for (let i = 0; i < zh.length; i++) {
    const g = zh[i];
    if (jTo[i] <= jFrom[i] || g.stems.length === 0) continue;
    if (next.length < g.stems.length) {
      next = new Int32Array(g.stems.length * 2);
      itemOf = new Int32Array(g.stems.length * 2);
    }
    // Index: stem → first stem slot x of unit i holding it, then next[x] …, −1 ends.
    for (let k = 0; k + 1 < g.start.length; k++) {
      for (let x = g.start[k]; x < g.start[k + 1]; x++) {
        const stem = g.stems[x];
        if (held[stem] !== 3) continue;
        itemOf[x] = k;
        next[x] = owner[stem] === i ? head[stem] : -1;
        owner[stem] = i;
        head[stem] = x;
      }
    }
    const words = zhWords[i];
    for (let j = jFrom[i]; j < jTo[i]; j++) {
      const zhAt = zhBase[i] + (j - jFrom[i]) * words;
      const enAt = enBase[j] + (i - iFrom[j]) * enWords[j];
      pair++;
      for (let y = enFirst[j]; y < enFirst[j + 1]; y++) {
        const stem = enStem[y];
        if (owner[stem] !== i) continue;
        const q = enItem[y];
        enMask[enAt + (q >>> 5)] |= 1 << (q & 31);
        if (marked[stem] === pair) continue;
        marked[stem] = pair;
        for (let x = head[stem]; x >= 0; x = next[x]) zhMask[zhAt + (itemOf[x] >>> 5)] |= 1 << (itemOf[x] & 31);
      }
    }
  }
  return { zhWords, enWords, zhBase, enBase, zhMask, enMask };
}

/**
 * Shares of one side: for unit u and the span of `size` units of the other side starting at
 * from[u] + p, share[(pairBase[u] + p) · maxSize + size − 1] = the share of u's items matched
 * by the span (the OR of the pair masks), −1 for a unit without items. Spans running past the
 * unit's range count the pairs inside it.
 */
function shareTable(units: readonly UnitFeatures[], from: Int32Array, to: Int32Array, words: readonly number[], maskBase: Int32Array, mask: Int32Array, maxSize: number) {
  const pairBase = pairOffsets(from, to, () => 1);
  const share = new Float32Array(pairBase[units.length] * maxSize);
  for (let u = 0; u < units.length; u++) {
    const items = itemCount(units[u]);
    const width = to[u] - from[u];
    const w = words[u];
    for (let p = 0; p < width; p++) {
      const out = (pairBase[u] + p) * maxSize;
      if (items === 0) {
        share.fill(-1, out, out + maxSize);
        continue;
      }
      for (let word = 0; word < w; word++) {
        let bits = 0;
        for (let size = 0; size < maxSize; size++) {
          if (p + size < width) bits |= mask[maskBase[u] + (p + size) * w + word];
          share[out + size] += popcount(bits);
        }
      }
      for (let size = 0; size < maxSize; size++) share[out + size] /= items;
    }
  }
  return { pairBase, share };
}

/**
 * Build the pair table for every pair a link of at most `maxA` × `maxB` units ending in `band`
 * can touch (and, `withNeighbours`, the neighbouring spans margin scoring reads), and return the
 * span similarity over it. Memory: one bit per item per pair plus maxSide floats per pair.
 */
export function spanSimilarity(zh: readonly UnitFeatures[], en: readonly UnitFeatures[], band: Band, maxA: number, maxB: number, withNeighbours = false): SpanScores {
  const n = zh.length;
  const m = en.length;
  // For margin scoring the table also covers the neighbouring spans (up to maxSide + 1 + MARGIN_SPANS units away).
  const reach = (maxSize: number) => (withNeighbours ? maxSize + 1 + MARGIN_SPANS : 0);
  const ranges = pairRanges(n, m, band, maxA, reach(maxB), reach(maxA));
  const { jFrom, jTo, iFrom, iTo } = ranges;
  const masks = matchMasks(zh, en, ranges);
  const { pairBase: zhPairBase, share: zhShare } = shareTable(zh, jFrom, jTo, masks.zhWords, masks.zhBase, masks.zhMask, maxB);
  const { pairBase: enPairBase, share: enShare } = shareTable(en, iFrom, iTo, masks.enWords, masks.enBase, masks.enMask, maxA);

  const zhShareAt = (i: number, j: number, b: number): number => {
    const p = j - jFrom[i];
    return p < 0 || p >= jTo[i] - jFrom[i] ? -2 : zhShare[(zhPairBase[i] + p) * maxB + b - 1];
  };
  const enShareAt = (j: number, i: number, a: number): number => {
    const p = i - iFrom[j];
    return p < 0 || p >= iTo[j] - iFrom[j] ? -2 : enShare[(enPairBase[j] + p) * maxA + a - 1];
  };
  const zhHasItems = Uint8Array.from(zh, (f) => (itemCount(f) > 0 ? 1 : 0));
  const enHasItems = Uint8Array.from(en, (f) => (itemCount(f) > 0 ? 1 : 0));
  /** Shares of the span's units against their opposite span: [sum, units with items] in `out`. */
  const spanShares = (i0: number, a: number, j0: number, b: number, out: Float64Array): void => {
    let total = 0;
    let units = 0;
    for (let i = i0; i < i0 + a; i++) {
      const p = j0 - jFrom[i];
      if (p < 0 || p >= jTo[i] - jFrom[i]) {
        units += zhHasItems[i];
        continue;
      }
      const share = zhShare[(zhPairBase[i] + p) * maxB + b - 1];
      if (share < 0) continue;
      total += share;
      units++;
    }
    for (let j = j0; j < j0 + b; j++) {
      const p = i0 - iFrom[j];
      if (p < 0 || p >= iTo[j] - iFrom[j]) {
        units += enHasItems[j];
        continue;
      }
      const share = enShare[(enPairBase[j] + p) * maxA + a - 1];
      if (share < 0) continue;
      total += share;
      units++;
    }
    out[0] = total;
    out[1] = units;
  };
  const shares = new Float64Array(2);
  const plain: SpanSimilarity = (i0, a, j0, b) => {
    spanShares(i0, a, j0, b, shares);
    return shares[1] === 0 ? NaN : shares[0] / shares[1];
  };
  const unitShare = (zhSide: boolean, u: number, start: number, size: number): number => {
    if (!(zhSide ? zhHasItems[u] : enHasItems[u])) return -1;
    return Math.max(0, zhSide ? zhShareAt(u, start, size) : enShareAt(u, start, size));
  };
  if (!withNeighbours) return { plain, unitShare };
  const zhNeighbours = neighbourTable(zhShare.length, (i, j0, b, out) => {
    for (let e = 0; e < MARGIN_SPANS; e++) {
      const left = j0 - 1 - b - e;
      const right = j0 + b + 1 + e;
      if (left >= 0) addShare(zhShareAt(i, left, b), out);
      if (right + b <= m) addShare(zhShareAt(i, right, b), out);
    }
  });
  const enNeighbours = neighbourTable(enShare.length, (j, i0, a, out) => {
    for (let e = 0; e < MARGIN_SPANS; e++) {
      const up = i0 - 1 - a - e;
      const down = i0 + a + 1 + e;
      if (up >= 0) addShare(enShareAt(j, up, a), out);
      if (down + a <= n) addShare(enShareAt(j, down, a), out);
    }
  });
  const neighbours = new Float64Array(2);
  const neighbourShare = (i0: number, a: number, j0: number, b: number): number => {
    neighbours[0] = 0;
    neighbours[1] = 0;
    for (let i = i0; i < i0 + a; i++) {
      const p = j0 - jFrom[i];
      zhNeighbours(i, j0, b, p < 0 || p >= jTo[i] - jFrom[i] ? -1 : (zhPairBase[i] + p) * maxB + b - 1, neighbours);
    }
    for (let j = j0; j < j0 + b; j++) {
      const p = i0 - iFrom[j];
      enNeighbours(j, i0, a, p < 0 || p >= iTo[j] - iFrom[j] ? -1 : (enPairBase[j] + p) * maxA + a - 1, neighbours);
    }
    return neighbours[1] === 0 ? 0 : neighbours[0] / neighbours[1];
  };
  return { plain, unitShare, neighbours: neighbourShare };
}

/** Add a share to a [sum, count] accumulator unless it marks a unit without items (< 0). */
function addShare(x: number, out: Float64Array): void {
  if (x >= 0) {
    out[0] += x;
    out[1]++;
  }
}

/**
 * Memoised neighbour shares of one side for margin scoring: `slot` is the unit's pair-table
 * entry for (start, size), or −1 (not cached). Adds [sum, count] of the unit's neighbour shares
 * to `out`; `compute` adds them to a zeroed accumulator.
 */
function neighbourTable(
  slots: number,
  compute: (unit: number, start: number, size: number, out: Float64Array) => void,
): (unit: number, start: number, size: number, slot: number, out: Float64Array) => void {
  const sums = new Float64Array(slots);
  const counts = new Int8Array(slots).fill(-1);
  const scratch = new Float64Array(2);
  return (unit, start, size, slot, out) => {
    if (slot >= 0 && counts[slot] >= 0) {
      out[0] += sums[slot];
      out[1] += counts[slot];
      return;
    }
    scratch[0] = 0;
    scratch[1] = 0;
    compute(unit, start, size, scratch);
    if (slot >= 0) {
      sums[slot] = scratch[0];
      counts[slot] = scratch[1];
    }
    out[0] += scratch[0];
    out[1] += scratch[1];
  };
}
