/**
 * review — the door of the review editor stage (issue 12 item 5): edit operations over a
 * document's links and corrections (`edits.ts`), the HTTP server of the editor (`server.ts`) and
 * its page (`page.ts`).
 */
export * from './edits.ts';
export * from './server.ts';
export * from './page.ts';
