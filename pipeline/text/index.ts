/**
 * text — the shared text toolkit: characters (`chars.ts`: width folding, Han/CJK, trimming),
 * language tags and document file names (`lang.ts`), Chinese scripts (`script.ts`), numbers
 * (`numbers.ts`), English words (`english.ts`), notes, bylines and end markers (`notes.ts`),
 * technical tokens that are not translated (`technical.ts`),
 * raw HTML sanitised (`html.ts`), medians (`stats.ts`), hashing (`hash.ts`), bounded caches (`cache.ts`) and terminal colours
 * (`terminal.ts`).
 */
export * from './chars.ts';
export * from './lang.ts';
export * from './script.ts';
export * from './numbers.ts';
export * from './english.ts';
export * from './notes.ts';
export * from './technical.ts';
export * from './stats.ts';
export * from './hash.ts';
export * from './cache.ts';
export * from './terminal.ts';
export * from './html.ts';
