/**
 * A second source of lexical evidence learned from the document itself: IBM Model 1
 * (Brown et al. 1993, "The mathematics of statistical machine translation") trained by EM on
 * the links of a first alignment pass, as in Moore (2002), "Fast and accurate sentence alignment
 * of bilingual corpora". Word pairs whose translation probability t(en | zh) reaches a threshold
 * are added to the Chinese items' stems for the second pass.
 */
import type { UnitFeatures } from './features.ts';
import type { PathLink } from './search.ts';

/**
 * Bounds on the training data, so that memory stays bounded whatever the input: a link is a
 * table of |E| × (|Z| + 1) cells (4 bytes each), so one paragraph pair of 1 MB a side would
 * need hundreds of gigabytes. A link over `MAX_LINK_CELLS` (e.g. 1,000 × 1,000 words) is left
 * out — far too long to teach word pairs anyway; links are taken in path order until
 * `MAX_TRAINING_CELLS` (256 MB of cells) are used, the rest left out (the MAC-dev and Bible
 * benchmarks, bench/align.ts, stay well under both).
 */
export const MAX_LINK_CELLS = 1 << 20;
export const MAX_TRAINING_CELLS = 1 << 26;

/** Settings of `learnTranslations`. */
export interface Model1Options {
  /** EM iterations (default 5). */
  iterations?: number;
  /** Least t(en | zh) for a pair to be kept (default 0.35: in a prototype on MAC-dev, 0.35 helped and 0.10 cost .05 strict F1). */
  threshold?: number;
  /** Least number of links a Chinese word type must occur in (default 2). */
  minCount?: number;
}

/**
 * Train Model 1 on the links of `path` (those with both sides) over the items of `zh` and `en`
 * (Chinese word types → English stem ids, with a NULL word), and return, per Chinese word type,
 * the English stem ids it translates to with probability ≥ `threshold`. Links beyond the bounds
 * `MAX_LINK_CELLS` and `MAX_TRAINING_CELLS` are not trained on.
 */
export function learnTranslations(zh: readonly UnitFeatures[], en: readonly UnitFeatures[], path: readonly PathLink[], options: Model1Options = {}): Map<number, number[]> {
  const iterations = options.iterations ?? 5;
  const threshold = options.threshold ?? 0.35;
  const minCount = options.minCount ?? 2;
  const NULL = -1;
  const zhCount = new Map<number, number>();
  // Pair (zh type, en stem) → index, in an open-addressing table of [zh, en, index] triples in one
  // typed array, so that a probe reads one cache line: the lookups, one per cell, were most of
  // the training time on the Bible (bench/align.ts).
  let capacity = 1 << 16;
  let table = new Int32Array(capacity * 3).fill(-2);
  let pairZh = new Int32Array(1 << 12);
  let pairEn = new Int32Array(1 << 12);
  let pairs = 0;
  const slot = (z: number, e: number, t: Int32Array, mask: number): number => {
    let h = (Math.imul(z + 1, 0x9e3779b1) ^ Math.imul(e, 0x85ebca6b)) & mask;
    while (t[h * 3] !== -2 && (t[h * 3] !== z || t[h * 3 + 1] !== e)) h = (h + 1) & mask;
    return h * 3;
  };
  const grow = (): void => {
    const bigger = capacity * 2;
    const next = new Int32Array(bigger * 3).fill(-2);
    for (let k = 0; k < capacity * 3; k += 3) {
      if (table[k] === -2) continue;
      const g = slot(table[k], table[k + 1], next, bigger - 1);
      next[g] = table[k];
      next[g + 1] = table[k + 1];
      next[g + 2] = table[k + 2];
    }
    capacity = bigger;
    table = next;
  };
  const indexOf = (z: number, e: number): number => {
    let h = slot(z, e, table, capacity - 1);
    if (table[h] !== -2) return table[h + 2];
    if (pairs * 2 >= capacity) {
      grow();
      h = slot(z, e, table, capacity - 1);
    }
    if (pairs === pairZh.length) {
      const zs = new Int32Array(pairs * 2);
      const es = new Int32Array(pairs * 2);
      zs.set(pairZh);
      es.set(pairEn);
      pairZh = zs;
      pairEn = es;
    }
    table[h] = z;
    table[h + 1] = e;
    table[h + 2] = pairs;
    pairZh[pairs] = z;
    pairEn[pairs] = e;
    return pairs++;
  };
  // For each link: the pair indices, |E| rows of (|Z| + 1) entries.
  const links: { cells: Int32Array; zhSize: number; enSize: number }[] = [];
  let budget = MAX_TRAINING_CELLS;
  for (const l of path) {
    if (l.a === 0 || l.b === 0) continue;
    let zhWords = 1;
    let enWords = 0;
    for (let i = l.i; i < l.i + l.a; i++) zhWords += zh[i].types.length;
    for (let j = l.j; j < l.j + l.b; j++) enWords += en[j].types.length;
    const size = zhWords * enWords;
    if (size === 0 || size > MAX_LINK_CELLS || size > budget) continue;
    budget -= size;
    const zs: number[] = [NULL];
    const seen = new Set<number>();
    for (let i = l.i; i < l.i + l.a; i++) {
      for (const z of zh[i].types) {
        zs.push(z);
        if (!seen.has(z)) {
          seen.add(z);
          zhCount.set(z, (zhCount.get(z) ?? 0) + 1);
        }
      }
    }
    const es: number[] = [];
    for (let j = l.j; j < l.j + l.b; j++) for (const e of en[j].types) es.push(e);
    const cells = new Int32Array(es.length * zs.length);
    let p = 0;
    for (const e of es) for (const z of zs) cells[p++] = indexOf(z, e);
    links.push({ cells, zhSize: zs.length, enSize: es.length });
  }
  const t = new Float64Array(pairs).fill(1);
  const count = new Float64Array(pairs);
  const zhIds = new Map<number, number>();
  const pairZhIndex = new Int32Array(pairs);
  for (let k = 0; k < pairs; k++) {
    let id = zhIds.get(pairZh[k]);
    if (id === undefined) zhIds.set(pairZh[k], (id = zhIds.size));
    pairZhIndex[k] = id;
  }
  const total = new Float64Array(zhIds.size);
  // One row's t values, read once per row instead of twice (each read a random access).
  let row = new Float64Array(64);
  for (let iteration = 0; iteration < iterations; iteration++) {
    count.fill(0);
    for (const { cells, zhSize, enSize } of links) {
      if (row.length < zhSize) row = new Float64Array(zhSize * 2);
      for (let e = 0; e < enSize; e++) {
        const at = e * zhSize;
        let sum = 0;
        for (let z = 0; z < zhSize; z++) sum += row[z] = t[cells[at + z]];
        if (sum <= 0) continue;
        for (let z = 0; z < zhSize; z++) count[cells[at + z]] += row[z] / sum;
      }
    }
    total.fill(0);
    for (let k = 0; k < pairs; k++) total[pairZhIndex[k]] += count[k];
    for (let k = 0; k < pairs; k++) t[k] = total[pairZhIndex[k]] > 0 ? count[k] / total[pairZhIndex[k]] : 0;
  }
  const learned = new Map<number, number[]>();
  for (let k = 0; k < pairs; k++) {
    const z = pairZh[k];
    if (z === NULL || t[k] < threshold || (zhCount.get(z) ?? 0) < minCount) continue;
    const list = learned.get(z) ?? [];
    list.push(pairEn[k]);
    learned.set(z, list);
  }
  return learned;
}

/** Chinese unit features with the learned stems added to the items of each word type (new objects; input unchanged). */
export function addTranslations(zh: readonly UnitFeatures[], learned: ReadonlyMap<number, readonly number[]>): UnitFeatures[] {
  if (learned.size === 0) return [...zh];
  return zh.map((f) => {
    const items = f.start.length - 1;
    let extra = 0;
    for (let k = 0; k < items; k++) extra += learned.get(f.types[k])?.length ?? 0;
    if (extra === 0) return f;
    const start = new Int32Array(items + 1);
    const stems = new Int32Array(f.stems.length + extra);
    let p = 0;
    for (let k = 0; k < items; k++) {
      start[k] = p;
      for (let s = f.start[k]; s < f.start[k + 1]; s++) stems[p++] = f.stems[s];
      for (const e of learned.get(f.types[k]) ?? []) stems[p++] = e;
    }
    start[items] = p;
    return { ...f, start, stems: stems.subarray(0, p) };
  });
}
