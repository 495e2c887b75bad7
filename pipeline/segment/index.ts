/** segment — the door of the segmentation stage: blocks into sentences (`sentences.ts`). */
export * from './sentences.ts';
