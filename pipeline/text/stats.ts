/** Small statistics shared by the aligner (`pipeline/align/scorer.ts`) and `check` (`pipeline/check/check.ts`). */

/** Median of a list of numbers (the mean of the two middle values for an even count; NaN for an empty list); the list is not changed. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
