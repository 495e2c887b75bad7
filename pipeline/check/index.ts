/** check — the door of the QA stage: findings on an aligned bitext (`check.ts`), which links need review (`review.ts`), term base checks (`glossary.ts`). */
export * from './check.ts';
export * from './review.ts';
export * from './glossary.ts';
// The finding shapes live in pipeline/types.ts; re-exported for callers of this door.
export type { Finding, FindingLevel } from '../types.ts';
