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
  // Word types and stems renumbered densely in order of appearance; Chinese 0 is the NULL word.
  const zhId = new Map<number, number>();
  const zhTypeOf: number[] = [];
  const enId = new Map<number, number>();
  const enStemOf: number[] = [];
  const zhDense = (z: number): number => {
    let id = zhId.get(z);
    if (id === undefined) {
      zhId.set(z, (id = zhTypeOf.length));
      zhTypeOf.push(z);
    }
    return id;
  };
  const enDense = (e: number): number => {
    let id = enId.get(e);
    if (id === undefined) {
      enId.set(e, (id = enStemOf.length));
      enStemOf.push(e);
    }
    return id;
  };
  const NULL = zhDense(-1);
  // Per Chinese type: links it occurs in (the `minCount` test), and the last such link.
  const zhCount: number[] = [0];
  const lastLink: number[] = [-1];
  // Each trained link: its Chinese types (NULL first) and English stems, dense; its cells, a
  // column of |E| pair indices per Chinese word (so that one word's cells are written in a run).
  const links: { zs: Int32Array; es: Int32Array; cells: Int32Array; zhSize: number; enSize: number }[] = [];
  let occurrences = 0;
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
    const zs = new Int32Array(zhWords);
    let p = 1;
    for (let i = l.i; i < l.i + l.a; i++) {
      for (const z of zh[i].types) {
        const id = (zs[p++] = zhDense(z));
        if (id === zhCount.length) {
          zhCount.push(0);
          lastLink.push(-1);
        }
        if (lastLink[id] !== links.length) {
          lastLink[id] = links.length;
          zhCount[id]++;
        }
      }
    }
    const es = new Int32Array(enWords);
    p = 0;
    for (let j = l.j; j < l.j + l.b; j++) for (const e of en[j].types) es[p++] = enDense(e);
    links.push({ zs, es, cells: new Int32Array(size), zhSize: zhWords, enSize: enWords });
    occurrences += zhWords;
  }
  // Pair (Chinese type, English stem) → index, found type by type: the occurrences of one type
  // (link, position) in link order, each reading its link's English stems against a table over
  // the English stems stamped with the type. Pairs of a type are numbered in the order a scan of
  // the links finds them, so sums over them run in the same order whatever the numbering; a
  // hash table of pairs, probed once per cell, cost most of the training time on the Bible
  // (bench/align.ts).
  const zhTypes = zhTypeOf.length;
  const occStart = new Int32Array(zhTypes + 1);
  for (const { zs } of links) for (const z of zs) occStart[z + 1]++;
  for (let z = 0; z < zhTypes; z++) occStart[z + 1] += occStart[z];
  const occLink = new Int32Array(occurrences);
  const occPos = new Int32Array(occurrences);
  const fill = occStart.slice(0, zhTypes);
  links.forEach(({ zs }, k) => {
    for (let q = 0; q < zs.length; q++) {
      occLink[fill[zs[q]]] = k;
      occPos[fill[zs[q]]++] = q;
    }
  });
  const stamp = new Int32Array(enStemOf.length).fill(-1);
  const pairOf = new Int32Array(enStemOf.length);
  const pairZhList: number[] = [];
  const pairEnList: number[] = [];
  for (let z = 0; z < zhTypes; z++) {
    for (let o = occStart[z]; o < occStart[z + 1]; o++) {
      const { es, cells } = links[occLink[o]];
      const q = occPos[o];
      for (let r = 0; r < es.length; r++) {
        const e = es[r];
        if (stamp[e] !== z) {
          stamp[e] = z;
          pairOf[e] = pairZhList.length;
          pairZhList.push(z);
          pairEnList.push(e);
        }
        cells[q * es.length + r] = pairOf[e];
      }
    }
  }
  const pairs = pairZhList.length;
  const pairZh = Int32Array.from(pairZhList);
  const t = new Float64Array(pairs).fill(1);
  const count = new Float64Array(pairs);
  const total = new Float64Array(zhTypes);
  // One row's t values, read once per row instead of twice (each read a random access).
  let row = new Float64Array(64);
  for (let iteration = 0; iteration < iterations; iteration++) {
    count.fill(0);
    for (const { cells, zhSize, enSize } of links) {
      if (row.length < zhSize) row = new Float64Array(zhSize * 2);
      for (let e = 0; e < enSize; e++) {
        let sum = 0;
        for (let z = 0; z < zhSize; z++) sum += row[z] = t[cells[z * enSize + e]];
        if (sum <= 0) continue;
        for (let z = 0; z < zhSize; z++) count[cells[z * enSize + e]] += row[z] / sum;
      }
    }
    total.fill(0);
    for (let k = 0; k < pairs; k++) total[pairZh[k]] += count[k];
    for (let k = 0; k < pairs; k++) t[k] = total[pairZh[k]] > 0 ? count[k] / total[pairZh[k]] : 0;
  }
  const learned = new Map<number, number[]>();
  for (let k = 0; k < pairs; k++) {
    const z = pairZh[k];
    if (z === NULL || t[k] < threshold || zhCount[z] < minCount) continue;
    const type = zhTypeOf[z];
    const list = learned.get(type) ?? [];
    list.push(enStemOf[pairEnList[k]]);
    learned.set(type, list);
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
