/**
 * The shell every published page shares: `<!doctype html>`, `<meta charset="utf-8">`, viewport,
 * a generator tag, a Content-Security-Policy that forbids every network fetch (scripts and styles
 * are allowed only by the SHA-256 hashes of the inline ones, CSP Level 2 §4.2.3), the inline
 * stylesheet and script. Serialised with hast-util-to-html.
 */
import { createHash } from 'node:crypto';
import { GENERATOR } from '../version.ts';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { ElementContent } from 'hast';

export { GENERATOR };

/** True for an href with a URL scheme or starting `//`: published pages link only to each other, by relative paths. */
export function offSite(href: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//');
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * A complete HTML document. `lang` is the interface language (the `<html lang>`); `body` the
 * body's children; `css`/`js` inline code (no `</style` or `</script` inside). A page served by
 * Bitext's own server (the review editor, pipeline/review/page.ts) names a same-origin `script`
 * URL instead of `js` and may fetch from its own origin (`connect-src 'self'`); published pages
 * fetch nothing. Returns the HTML text.
 */
export function renderPage(options: { lang: string; title: string; css: string; js?: string; script?: string; body: ElementContent[]; description?: string }): string {
  const { lang, title, css, js, script, body } = options;
  const csp = [
    "default-src 'none'",
    `style-src ${sha256(css)}`,
    js ? `script-src ${sha256(js)}` : script ? "script-src 'self'" : "script-src 'none'",
    ...(script ? ["connect-src 'self'"] : []),
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const tree = h(null, [
    { type: 'doctype' },
    h('html', { lang }, [
      h('head', [
        h('meta', { charSet: 'utf-8' }),
        h('meta', { httpEquiv: 'Content-Security-Policy', content: csp }),
        h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
        h('meta', { name: 'generator', content: GENERATOR }),
        ...(options.description ? [h('meta', { name: 'description', content: options.description })] : []),
        // A served page's browser would ask its server for /favicon.ico, without the token the server requires.
        ...(script ? [h('link', { rel: 'icon', href: 'data:,' })] : []),
        h('title', title),
        h('style', css),
      ]),
      h('body', [...body, ...(js ? [h('script', js)] : []), ...(script ? [h('script', { src: script, defer: true })] : [])]),
    ]),
  ]);
  return toHtml(tree) + '\n';
}
