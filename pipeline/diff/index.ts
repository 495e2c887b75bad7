/** diff — the door of the revision stage: what changed between two alignments of a document pair (`diff.ts`). */
export * from './diff.ts';
