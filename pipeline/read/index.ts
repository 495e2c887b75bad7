/** read — the door of the reading stage: Markdown and plain text into blocks (`blocks.ts`), inline text (`inline.ts`), Markdown's limits (`limits.ts`), front matter (`frontmatter.ts`). */
export * from './blocks.ts';
export * from './frontmatter.ts';
export * from './inline.ts';
export * from './limits.ts';
