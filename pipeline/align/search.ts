/**
 * The one search of the aligner: dynamic programming over link types (Gale & Church 1993,
 * "A program for aligning sentences in bilingual corpora"), confined to a band of cells.
 * It knows nothing about text: a cost function says how bad a link is, a band says which
 * cells may be visited. Blocks, sentences and the coarse levels of the multi-resolution search
 * all use it.
 */

/** A link shape: `a` source units with `b` target units (1-0, 0-1, 1-1, 1-2, …). */
export interface LinkType {
  a: number;
  b: number;
}

/**
 * Cells the search may visit: for every row i = 0 … n (source units consumed), the target
 * positions j with `lo[i] ≤ j ≤ hi[i]`. `lo` and `hi` never decrease; row 0 holds 0 and row n holds m.
 */
export interface Band {
  lo: Int32Array;
  hi: Int32Array;
}

/** One link of a path, in unit positions: source units [i, i + a), target units [j, j + b). */
export interface PathLink {
  i: number;
  a: number;
  j: number;
  b: number;
  cost: number;
}

/**
 * Cost of a link of source units [i, i + a) with target units [j, j + b); lower is better,
 * finite. When the cost is `limit` or more, any number ≥ `limit` may be returned instead (the
 * search will not take the link), so costly terms can be skipped.
 */
export type LinkCost = (i: number, a: number, j: number, b: number, limit: number) => number;

/** The band holding every cell of an n × m grid (quadratic: only for small inputs). */
export function fullBand(n: number, m: number): Band {
  return { lo: new Int32Array(n + 1), hi: new Int32Array(n + 1).fill(m) };
}

/**
 * Least-cost sequence of links covering source units 0 … n−1 and target units 0 … m−1 in order,
 * visiting only cells of `band`. Types are tried in the given order, each with the cost limit it
 * must beat, so likely types should come first. Time and memory are proportional to the number
 * of band cells times the number of link types. Throws if the band does not connect (0,0) to (n,m).
 */
export function searchPath(n: number, m: number, band: Band, types: readonly LinkType[], cost: LinkCost): PathLink[] {
  const { lo, hi } = band;
  const rowStart = new Int32Array(n + 2);
  for (let i = 0; i <= n; i++) rowStart[i + 1] = rowStart[i] + Math.max(0, hi[i] - lo[i] + 1);
  const total = rowStart[n + 1];
  const best = new Float64Array(total).fill(Infinity);
  const back = new Int8Array(total).fill(-1);
  const linkCost = new Float64Array(total);
  const typeA = Int32Array.from(types, (t) => t.a);
  const typeB = Int32Array.from(types, (t) => t.b);
  if (lo[0] === 0) best[0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = lo[i]; j <= hi[i]; j++) {
      if (i === 0 && j === 0) continue;
      const cell = rowStart[i] + j - lo[i];
      let bestCost = Infinity;
      let bestType = -1;
      let bestLink = 0;
      for (let k = 0; k < typeA.length; k++) {
        const a = typeA[k];
        const b = typeB[k];
        const pi = i - a;
        const pj = j - b;
        if (pi < 0 || pj < 0 || pj < lo[pi] || pj > hi[pi]) continue;
        const before = best[rowStart[pi] + pj - lo[pi]];
        if (before === Infinity) continue;
        const c = cost(pi, a, pj, b, bestCost - before);
        if (before + c < bestCost) {
          bestCost = before + c;
          bestType = k;
          bestLink = c;
        }
      }
      best[cell] = bestCost;
      back[cell] = bestType;
      linkCost[cell] = bestLink;
    }
  }
  if (m < lo[n] || m > hi[n] || best[rowStart[n] + m - lo[n]] === Infinity) {
    throw new Error(`alignment band does not reach the end cell (${n}, ${m})`);
  }
  const path: PathLink[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const cell = rowStart[i] + j - lo[i];
    const a = typeA[back[cell]];
    const b = typeB[back[cell]];
    path.push({ i: i - a, a, j: j - b, b, cost: linkCost[cell] });
    i -= a;
    j -= b;
  }
  return path.reverse();
}

/**
 * The band of cells within `width` rows and columns of a path through an n × m grid, where the
 * path is given by its corner cells (from a coarser search, scaled to this grid). Between two
 * corners the path may be anywhere in their rectangle. Time O((n + m) · width).
 */
export function bandAround(corners: readonly { i: number; j: number }[], n: number, m: number, width: number): Band {
  const pathLo = new Int32Array(n + 1).fill(m);
  const pathHi = new Int32Array(n + 1).fill(0);
  for (let k = 0; k + 1 < corners.length; k++) {
    const from = corners[k];
    const to = corners[k + 1];
    for (let i = from.i; i <= to.i; i++) {
      if (from.j < pathLo[i]) pathLo[i] = from.j;
      if (to.j > pathHi[i]) pathHi[i] = to.j;
    }
  }
  const lo = new Int32Array(n + 1);
  const hi = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    let min = m;
    let max = 0;
    for (let r = Math.max(0, i - width); r <= Math.min(n, i + width); r++) {
      if (pathLo[r] < min) min = pathLo[r];
      if (pathHi[r] > max) max = pathHi[r];
    }
    lo[i] = Math.max(0, min - width);
    hi[i] = Math.min(m, max + width);
  }
  lo[0] = 0;
  hi[n] = m;
  for (let i = 1; i <= n; i++) if (lo[i] < lo[i - 1]) lo[i] = lo[i - 1];
  for (let i = n - 1; i >= 0; i--) if (hi[i] > hi[i + 1]) hi[i] = hi[i + 1];
  return { lo, hi };
}
