/**
 * Lexical similarity of spans: for every unit of the link, the share of its items that have a
 * translation on the other side of the link (a Chinese word whose stems occur in the English
 * span, an English word among the Chinese span's stems), averaged over the units that have items
 * (the dictionary coverage score of alignment-findings.md, cf. Varga et al. 2005, taken per unit
 * so that a unit with no counterpart lowers the score by its full share however short it is).
 *
 * For speed it is computed from a table over the unit pairs the search can visit: for each pair
 * (zh unit i, en unit j), a bit mask of the items of i matched by j and of the items of j matched
 * by i (found through stem postings, so the cost does not grow with the band's width); then, for
 * each unit and each span of up to maxSide units on the other side starting at a position, the
 * covered share (population count of the OR of the masks). A link's similarity is a few lookups.
 */
import type { Band } from './search.ts';
import type { UnitFeatures } from './features.ts';

/**
 * Similarity of spans [i, i+a) × [j, j+b) in [0, 1]; NaN when no unit of either span has any item.
 * With a margin weight λ, λ × the units' mean share against same-sized neighbouring spans is
 * subtracted (margin scoring, alignment-findings.md; cf. Artetxe & Schwenk 2019) and the result
 * floored at 0: it damps units that resemble everything.
 */
export type SpanSimilarity = (i: number, a: number, j: number, b: number) => number;

/** Neighbouring spans on each side used by margin scoring. */
const MARGIN_SPANS = 4;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Stem → ascending ids of the units whose items use it (compressed rows). */
function postings(units: readonly UnitFeatures[], vocabularySize: number): { start: Int32Array; units: Int32Array } {
  const start = new Int32Array(vocabularySize + 1);
  const last = new Int32Array(vocabularySize).fill(-1);
  for (let u = 0; u < units.length; u++) {
    const stems = units[u].stems;
    for (let k = 0; k < stems.length; k++) {
      const x = stems[k];
      if (last[x] !== u) {
        last[x] = u;
        start[x + 1]++;
      }
    }
  }
  for (let x = 0; x < vocabularySize; x++) start[x + 1] += start[x];
  const fill = start.slice(0, vocabularySize);
  const list = new Int32Array(start[vocabularySize]);
  last.fill(-1);
  for (let u = 0; u < units.length; u++) {
    const stems = units[u].stems;
    for (let k = 0; k < stems.length; k++) {
      const x = stems[k];
      if (last[x] !== u) {
        last[x] = u;
        list[fill[x]++] = u;
      }
    }
  }
  return { start, units: list };
}

/** First index q in [lo, hi) with sorted[q] ≥ value (hi if none). */
function lowerBound(sorted: Int32Array, lo: number, hi: number, value: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function itemCount(f: UnitFeatures): number {
  return f.start.length - 1;
}

/**
 * Build the pair table for every pair a link of at most `maxA` × `maxB` units ending in `band`
 * can touch (and, with `margin` > 0, the neighbouring spans margin scoring reads), and return the
 * span similarity over it. Memory: one bit per item per pair plus maxSide floats per pair.
 */
export function spanSimilarity(zh: readonly UnitFeatures[], en: readonly UnitFeatures[], band: Band, maxA: number, maxB: number, margin = 0): SpanSimilarity {
  // With margin scoring the table also covers the neighbouring spans (up to maxSide + 1 + MARGIN_SPANS units away).
  const zhReach = margin > 0 ? maxB + 1 + MARGIN_SPANS : 0;
  const enReach = margin > 0 ? maxA + 1 + MARGIN_SPANS : 0;
  const n = zh.length;
  const m = en.length;
  // Pair ranges: zh unit i meets en units [jFrom[i], jTo[i]).
  const jFrom = new Int32Array(n);
  const jTo = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    jFrom[i] = Math.max(0, band.lo[Math.max(0, i - maxA + 1 - enReach)] - zhReach);
    jTo[i] = Math.min(m, band.hi[Math.min(n, i + maxA + enReach)] + zhReach);
    if (jTo[i] < jFrom[i]) jTo[i] = jFrom[i];
  }
  const iFrom = new Int32Array(m).fill(n);
  const iTo = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    for (let j = jFrom[i]; j < jTo[i]; j++) {
      if (i < iFrom[j]) iFrom[j] = i;
      if (i + 1 > iTo[j]) iTo[j] = i + 1;
    }
  }
  const zhWords = zh.map((f) => Math.max(1, Math.ceil(itemCount(f) / 32)));
  const enWords = en.map((f) => Math.max(1, Math.ceil(itemCount(f) / 32)));
  const zhBase = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) zhBase[i + 1] = zhBase[i] + (jTo[i] - jFrom[i]) * zhWords[i];
  const enBase = new Float64Array(m + 1);
  for (let j = 0; j < m; j++) enBase[j + 1] = enBase[j] + Math.max(0, iTo[j] - iFrom[j]) * enWords[j];
  const zhMask = new Int32Array(zhBase[n]);
  const enMask = new Int32Array(enBase[m]);

  // Postings (stem → units holding it, ascending) let each unit find its matches inside its
  // pair range directly, at a cost independent of the band's width.
  let vocabularySize = 1;
  for (const units of [zh, en]) {
    for (const f of units) {
      const stems = f.stems;
      for (let k = 0; k < stems.length; k++) if (stems[k] >= vocabularySize) vocabularySize = stems[k] + 1;
    }
  }
  const enPostings = postings(en, vocabularySize);
  const zhPostings = postings(zh, vocabularySize);
  for (let i = 0; i < n; i++) {
    const g = zh[i];
    const from = jFrom[i];
    const to = jTo[i];
    if (to <= from) continue;
    const words = zhWords[i];
    for (let k = 0; k + 1 < g.start.length; k++) {
      const bit = 1 << (k & 31);
      const word = k >>> 5;
      for (let x = g.start[k]; x < g.start[k + 1]; x++) {
        const stem = g.stems[x];
        const end = enPostings.start[stem + 1];
        for (let q = lowerBound(enPostings.units, enPostings.start[stem], end, from); q < end; q++) {
          const j = enPostings.units[q];
          if (j >= to) break;
          zhMask[zhBase[i] + (j - from) * words + word] |= bit;
        }
      }
    }
  }
  for (let j = 0; j < m; j++) {
    const f = en[j];
    const from = iFrom[j];
    const to = iTo[j];
    if (to <= from) continue;
    const words = enWords[j];
    for (let k = 0; k + 1 < f.start.length; k++) {
      const bit = 1 << (k & 31);
      const word = k >>> 5;
      const stem = f.stems[f.start[k]];
      const end = zhPostings.start[stem + 1];
      for (let q = lowerBound(zhPostings.units, zhPostings.start[stem], end, from); q < end; q++) {
        const i = zhPostings.units[q];
        if (i >= to) break;
        enMask[enBase[j] + (i - from) * words + word] |= bit;
      }
    }
  }

  // Shares: zhShare[(pair (i, j)) · maxB + b − 1] = share of unit i's items covered by en units
  // [j, j + b); enShare likewise per (j, i, a). −1 marks a unit without items.
  const zhPairBase = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) zhPairBase[i + 1] = zhPairBase[i] + (jTo[i] - jFrom[i]);
  const enPairBase = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) enPairBase[j + 1] = enPairBase[j] + Math.max(0, iTo[j] - iFrom[j]);
  const zhShare = new Float32Array(zhPairBase[n] * maxB);
  const enShare = new Float32Array(enPairBase[m] * maxA);
  for (let i = 0; i < n; i++) {
    const items = itemCount(zh[i]);
    const words = zhWords[i];
    const width = jTo[i] - jFrom[i];
    for (let p = 0; p < width; p++) {
      const out = (zhPairBase[i] + p) * maxB;
      if (items === 0) {
        zhShare.fill(-1, out, out + maxB);
        continue;
      }
      for (let w = 0; w < words; w++) {
        let bits = 0;
        for (let b = 0; b < maxB && p + b < width; b++) {
          bits |= zhMask[zhBase[i] + (p + b) * words + w];
          zhShare[out + b] += popcount(bits);
        }
        for (let b = width - p; b < maxB; b++) zhShare[out + b] += popcount(bits);
      }
      for (let b = 0; b < maxB; b++) zhShare[out + b] /= items;
    }
  }
  for (let j = 0; j < m; j++) {
    const items = itemCount(en[j]);
    const words = enWords[j];
    const width = Math.max(0, iTo[j] - iFrom[j]);
    for (let p = 0; p < width; p++) {
      const out = (enPairBase[j] + p) * maxA;
      if (items === 0) {
        enShare.fill(-1, out, out + maxA);
        continue;
      }
      for (let w = 0; w < words; w++) {
        let bits = 0;
        for (let a = 0; a < maxA && p + a < width; a++) {
          bits |= enMask[enBase[j] + (p + a) * words + w];
          enShare[out + a] += popcount(bits);
        }
        for (let a = width - p; a < maxA; a++) enShare[out + a] += popcount(bits);
      }
      for (let a = 0; a < maxA; a++) enShare[out + a] /= items;
    }
  }

  const zhShareAt = (i: number, j: number, b: number): number => {
    const p = j - jFrom[i];
    return p < 0 || p >= jTo[i] - jFrom[i] ? -2 : zhShare[(zhPairBase[i] + p) * maxB + b - 1];
  };
  const enShareAt = (j: number, i: number, a: number): number => {
    const p = i - iFrom[j];
    return p < 0 || p >= iTo[j] - iFrom[j] ? -2 : enShare[(enPairBase[j] + p) * maxA + a - 1];
  };
  /** Mean share of the span's units against same-sized spans beside the link (gap of one unit). */
  const neighbourShare = (i0: number, a: number, j0: number, b: number): number => {
    let total = 0;
    let count = 0;
    for (let i = i0; i < i0 + a; i++) {
      for (let e = 0; e < MARGIN_SPANS; e++) {
        const left = j0 - 1 - b - e;
        const right = j0 + b + 1 + e;
        if (left >= 0) {
          const x = zhShareAt(i, left, b);
          if (x >= 0) {
            total += x;
            count++;
          }
        }
        if (right + b <= m) {
          const x = zhShareAt(i, right, b);
          if (x >= 0) {
            total += x;
            count++;
          }
        }
      }
    }
    for (let j = j0; j < j0 + b; j++) {
      for (let e = 0; e < MARGIN_SPANS; e++) {
        const up = i0 - 1 - a - e;
        const down = i0 + a + 1 + e;
        if (up >= 0) {
          const x = enShareAt(j, up, a);
          if (x >= 0) {
            total += x;
            count++;
          }
        }
        if (down + a <= n) {
          const x = enShareAt(j, down, a);
          if (x >= 0) {
            total += x;
            count++;
          }
        }
      }
    }
    return count === 0 ? 0 : total / count;
  };

  return (i0, a, j0, b) => {
    let total = 0;
    let units = 0;
    for (let i = i0; i < i0 + a; i++) {
      const p = j0 - jFrom[i];
      if (p < 0 || p >= jTo[i] - jFrom[i]) {
        if (itemCount(zh[i]) > 0) units++;
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
        if (itemCount(en[j]) > 0) units++;
        continue;
      }
      const share = enShare[(enPairBase[j] + p) * maxA + a - 1];
      if (share < 0) continue;
      total += share;
      units++;
    }
    if (units === 0) return NaN;
    return margin > 0 ? Math.max(0, total / units - margin * neighbourShare(i0, a, j0, b)) : total / units;
  };
}
