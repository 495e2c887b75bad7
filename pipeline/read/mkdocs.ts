/**
 * MkDocs' block extensions (Python-Markdown `admonition`, pymdownx `details` and `tabbed`) written
 * as the `:::` containers remark-directive reads (pipeline/read/blocks.ts), so that their body is
 * read as Markdown: CommonMark alone reads `!!! tip "Title"` as a paragraph and its four-space
 * indented body as a code block or as more of that paragraph.
 *
 *     !!! tip "Title"           :::tip{title="Title"}
 *         Body.          →      Body.
 *                               :::
 *
 * `!!! type ["title"]` (admonition), `??? type ["title"]` and `???+` (collapsible details) and
 * `=== "Label"` (a content tab, container name `tab`) open a container; its body is the lines
 * after it that are blank or indented by four spaces (or a tab), dedented. The blank line that
 * ends the body becomes the closing `:::`, so line numbers stay those of the source; a body that
 * ends at a line with no blank before it (or at the end of the text) is closed on a line of its own.
 * Fenced code is left alone. Nested blocks are read as their outer block only (remark-directive
 * needs longer fences outside); columns inside a body are 4 less than in the source.
 */

/** An opening line: admonition or details (`type`, optional quoted title) or a tab (quoted label). */
const OPENING = /^(?:(?:!!!|\?\?\?\+?)[ \t]+([A-Za-z][\w-]*)(?:[ \t]+"([^"]*)")?|===\+?[ \t]+"([^"]*)")[ \t]*$/;

/** Four spaces or a tab: the indentation of a body line. */
const INDENT = /^(?: {4}|\t)/;

/**
 * The Markdown text with MkDocs admonitions, details and tabs rewritten as `:::` containers (see
 * the module comment); text without them is returned unchanged. Expects LF line endings.
 */
export function mkdocsContainers(markdown: string): string {
  if (!/^(?:!!!|\?\?\?|===)/m.test(markdown)) return markdown;
  const lines = markdown.split('\n');
  const out: string[] = [];
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const marker = /^[ \t]*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      out.push(line);
      continue;
    }
    if (marker !== undefined) fence = marker;
    const open = fence === undefined ? OPENING.exec(line) : null;
    if (!open) {
      out.push(line);
      continue;
    }
    const name = open[1] ?? 'tab';
    const title = open[2] ?? open[3];
    out.push(`:::${name}${title === undefined ? '' : `{title="${title.replaceAll('"', '&quot;')}"}`}`);
    let end = i + 1;
    while (end < lines.length && (lines[end].trim() === '' || INDENT.test(lines[end]))) end++;
    // The last blank line of the body closes it; without one, the closing fence takes a line of its own.
    const bodyEnd = end - 1 > i && lines[end - 1].trim() === '' ? end - 1 : end;
    for (let j = i + 1; j < bodyEnd; j++) out.push(lines[j].replace(INDENT, ''));
    out.push(':::');
    i = end - 1;
  }
  return out.join('\n');
}
