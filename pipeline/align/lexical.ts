/**
 * Lexical similarity of spans: for every unit of the link, the share of its items that have a
 * translation on the other side of the link (a Chinese word whose stems occur in the English
 * span, an English word among the Chinese span's stems), averaged over the units that have items
 * (the dictionary coverage score of alignment-findings.md, cf. Varga et al. 2005, taken per unit
 * so that a unit with no counterpart lowers the score by its full share however short it is).
 *
 * For speed it is computed from a table over the unit pairs the search can visit: for each pair
 * (zh unit i, en unit j), a bit mask of the items of i matched by j and of the items of j matched
 * by i. A span's coverage is then the population count of the OR of its pairs' masks.
 */
import type { Band } from './search.ts';
import type { UnitFeatures } from './features.ts';

/** Similarity of spans [i, i+a) × [j, j+b) in [0, 1]; NaN when no unit of either span has any item. */
export type SpanSimilarity = (i: number, a: number, j: number, b: number) => number;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function itemCount(f: UnitFeatures): number {
  return f.start.length - 1;
}

/**
 * Build the pair table for every pair a link of at most `maxA` × `maxB` units ending in `band`
 * can touch, and return the span similarity over it. Memory: one bit per item per pair.
 */
export function spanSimilarity(zh: readonly UnitFeatures[], en: readonly UnitFeatures[], band: Band, maxA: number, maxB: number): SpanSimilarity {
  const n = zh.length;
  const m = en.length;
  // Pair ranges: zh unit i meets en units [jFrom[i], jTo[i]).
  const jFrom = new Int32Array(n);
  const jTo = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    jFrom[i] = band.lo[Math.max(0, i - maxA + 1)];
    jTo[i] = Math.min(m, band.hi[Math.min(n, i + maxA)]);
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

  let vocabularySize = 1;
  for (const f of zh) for (const s of f.stems) if (s >= vocabularySize) vocabularySize = s + 1;
  for (const f of en) for (const s of f.stems) if (s >= vocabularySize) vocabularySize = s + 1;
  const enMark = new Int32Array(vocabularySize).fill(-1);
  const zhMark = new Int32Array(vocabularySize).fill(-1);
  for (let j = 0; j < m; j++) {
    const f = en[j];
    for (let k = 0; k < f.stems.length; k++) enMark[f.stems[k]] = j;
    for (let i = iFrom[j]; i < iTo[j]; i++) {
      const g = zh[i];
      const base = zhBase[i] + (j - jFrom[i]) * zhWords[i];
      for (let k = 0; k + 1 < g.start.length; k++) {
        for (let s = g.start[k]; s < g.start[k + 1]; s++) {
          if (enMark[g.stems[s]] === j) {
            zhMask[base + (k >>> 5)] |= 1 << (k & 31);
            break;
          }
        }
      }
    }
  }
  for (let i = 0; i < n; i++) {
    const g = zh[i];
    for (let s = 0; s < g.stems.length; s++) zhMark[g.stems[s]] = i;
    for (let j = jFrom[i]; j < jTo[i]; j++) {
      const f = en[j];
      const base = enBase[j] + (i - iFrom[j]) * enWords[j];
      for (let k = 0; k + 1 < f.start.length; k++) {
        if (zhMark[f.stems[f.start[k]]] === i) enMask[base + (k >>> 5)] |= 1 << (k & 31);
      }
    }
  }

  return (i0, a, j0, b) => {
    let total = 0;
    let units = 0;
    for (let i = i0; i < i0 + a; i++) {
      const items = itemCount(zh[i]);
      if (items === 0) continue;
      const words = zhWords[i];
      let covered = 0;
      for (let w = 0; w < words; w++) {
        let bits = 0;
        for (let j = j0; j < j0 + b; j++) {
          if (j < jFrom[i] || j >= jTo[i]) continue;
          bits |= zhMask[zhBase[i] + (j - jFrom[i]) * words + w];
        }
        covered += popcount(bits);
      }
      total += covered / items;
      units++;
    }
    for (let j = j0; j < j0 + b; j++) {
      const items = itemCount(en[j]);
      if (items === 0) continue;
      const words = enWords[j];
      let covered = 0;
      for (let w = 0; w < words; w++) {
        let bits = 0;
        for (let i = i0; i < i0 + a; i++) {
          if (i < iFrom[j] || i >= iTo[j]) continue;
          bits |= enMask[enBase[j] + (i - iFrom[j]) * words + w];
        }
        covered += popcount(bits);
      }
      total += covered / items;
      units++;
    }
    return units === 0 ? NaN : total / units;
  };
}
