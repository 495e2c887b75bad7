/**
 * The review editor's page — a placeholder until the editor page (issue 12 item 5, developer RVP)
 * replaces this file: it names the documents and the API, so the server can be used and tested.
 * Built with hastscript and hast-util-to-html, as the edition's pages are (pipeline/publish/page.ts).
 */
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';

/** What the page is built for: the token its requests send, one document (`doc`) or the list of them (`docs`), and the interface language. */
export interface ReviewPageOptions {
  token: string;
  doc?: string;
  docs?: string[];
  lang: string;
}

/** The editor page as HTML (one document, or a list of links to each). */
export function reviewPage(options: ReviewPageOptions): string {
  const q = `?token=${encodeURIComponent(options.token)}`;
  const body = options.doc
    ? [h('h1', options.doc), h('p', h('a', { href: `/api/doc/${encodeURIComponent(options.doc)}${q}` }, 'alignment state (JSON)'))]
    : [h('ul', (options.docs ?? []).map((d) => h('li', h('a', { href: `/doc/${encodeURIComponent(d)}${q}` }, d))))];
  const page = h('html', { lang: options.lang }, [h('head', [h('meta', { charset: 'utf-8' }), h('title', 'Bitext review')]), h('body', [...body, h('script', { src: `/client.js${q}` })])]);
  return `<!doctype html>${toHtml(page)}\n`;
}

/** The page's script (placeholder: empty). */
export function reviewScript(): string {
  return '';
}
