/**
 * Front matter: the YAML (`---` … `---`) or TOML (`+++` … `+++`) block at the top of a Markdown
 * file, which documentation sites use for metadata (title, order, group…). remark-frontmatter
 * (in `markdownSyntax`, pipeline/read/blocks.ts) parses it as a `yaml` or `toml` node so it never
 * becomes text; this module takes the few fields Bitext keeps (`DocumentMeta`) from that node.
 */
import type { Root } from 'mdast';
import type { DocumentMeta } from '../types.ts';

/** The fields of `DocumentMeta`: the only keys read from front matter. */
const KEYS = ['title', 'date', 'author'] as const;

/**
 * The metadata of a parsed tree's front matter: `title`, `date` and `author` given as simple
 * top-level `key: value` lines (YAML) or `key = value` lines before the first `[table]` (TOML).
 * Values may be quoted ('…' or "…"); nested keys (`group:\n  title: …`), block scalars (`|`, `>`)
 * and flow collections (`[…]`, `{…}`) are not read. `undefined` when the tree has no front matter
 * or none of these fields.
 */
export function frontMatterMeta(tree: Root): DocumentMeta | undefined {
  // remark-frontmatter only recognises front matter as the first node; `toml` is not in mdast's types.
  const first = tree.children[0] as { type: string; value?: string } | undefined;
  if (!first || (first.type !== 'yaml' && first.type !== 'toml') || first.value === undefined) return undefined;
  const line = first.type === 'yaml' ? /^([A-Za-z_][\w-]*):[ \t]+(.+)$/ : /^([A-Za-z_][\w-]*)[ \t]*=[ \t]*(.+)$/;
  const meta: DocumentMeta = {};
  for (const text of first.value.split('\n')) {
    if (first.type === 'toml' && text.trimStart().startsWith('[')) break;
    const match = line.exec(text);
    const key = KEYS.find((k) => k === match?.[1]);
    if (!match || !key || meta[key] !== undefined) continue;
    const value = scalar(match[2].trim());
    if (value !== undefined && value !== '') meta[key] = value;
  }
  return Object.keys(meta).length > 0 ? meta : undefined;
}

/**
 * A YAML/TOML scalar written on one line: a double-quoted string (JSON escapes, which both
 * languages share for `\"`, `\\`, `\n`, `\uXXXX`), a single-quoted one (`''` is a quote in YAML),
 * or a plain value without its trailing ` # comment`; `undefined` for what is not a one-line scalar.
 */
function scalar(raw: string): string | undefined {
  if (raw.startsWith('"')) {
    const end = /^"(?:[^"\\]|\\.)*"/.exec(raw);
    if (!end) return undefined;
    try {
      return JSON.parse(end[0]) as string;
    } catch {
      return end[0].slice(1, -1);
    }
  }
  if (raw.startsWith("'")) {
    const end = /^'(?:[^']|'')*'/.exec(raw);
    return end ? end[0].slice(1, -1).replaceAll("''", "'") : undefined;
  }
  if (/^[|>[{&*!]/.test(raw)) return undefined;
  return raw.replace(/[ \t]+#.*$/, '');
}
