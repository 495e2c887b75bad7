/** Remembering results of pure functions of a string, with a bound on what is kept. */

/**
 * `compute`, remembered: the function returned gives `compute(key)`, computing it once per key;
 * results of the first `limit` keys (default 10,000) are kept, later keys are computed each time,
 * so that odd input cannot grow the cache without bound. An error thrown by `compute` is thrown
 * to the caller and nothing is kept for that key.
 */
export function boundedCache<T>(compute: (key: string) => T, limit = 10_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as T;
    const value = compute(key);
    if (cache.size < limit) cache.set(key, value);
    return value;
  };
}
