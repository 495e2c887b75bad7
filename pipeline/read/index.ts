/** read — the door of the reading stage: Markdown and plain text into blocks (`blocks.ts`), inline text (`inline.ts`), Markdown's limits (`limits.ts`), MkDocs containers (`mkdocs.ts`), front matter (`frontmatter.ts`). */
export * from './blocks.ts';
export * from './frontmatter.ts';
export * from './inline.ts';
export * from './limits.ts';
export * from './mkdocs.ts';
