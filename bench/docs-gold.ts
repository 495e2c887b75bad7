/**
 * Gold block links of the docs-dev corpus (../shared/corpus/docs-dev, `gold.json` per document)
 * resolved to Bitext's blocks, and a tool alignment scored against them. Pure: no file access.
 *
 * A gold name is a string S (a substring of the plain text of exactly one block of its side) or
 * `{ text: T, nth: K }` (the K-th block whose plain text is exactly T). A name may match no Bitext
 * block (a block the reader does not produce), or a substring several; such a name is unmapped and
 * its link can never be exact.
 */

/** One gold block name: a unique substring, or the `nth` block (0-based) whose text is exactly `text`. */
export type GoldName = string | { text: string; nth: number };

/** One gold link: the names of its Chinese and English blocks (`[]` on one side for 1-0 / 0-1). */
export interface GoldLink {
  zh: GoldName[];
  en: GoldName[];
}

/** A gold link with its names resolved to block indexes (`null` for a name no block answers). */
export interface ResolvedLink {
  zh: (number | null)[];
  en: (number | null)[];
}

/** A tool link as block indexes of the two documents. */
export interface TestLink {
  source: readonly number[];
  target: readonly number[];
}

/** How one document's tool links compare with its gold. */
export interface DocScore {
  /** Gold links, and those the tool has exactly (same Chinese and English block sets). */
  gold: number;
  exact: number;
  /** Gold 1-0 and 0-1 links, and those found exactly. */
  gold10: number;
  found10: number;
  gold01: number;
  found01: number;
  /** Gold block names that match no Bitext block (or, for a substring, several). */
  unmapped: number;
  /** Tool links compared. */
  tool: number;
}

/** Parse a `gold.json` text; throws when it is not an array of `{ zh, en }` links. */
export function parseGold(json: string): GoldLink[] {
  const data: unknown = JSON.parse(json);
  const isName = (n: unknown) => typeof n === 'string' || (typeof n === 'object' && n !== null && typeof (n as { text?: unknown }).text === 'string' && Number.isInteger((n as { nth?: unknown }).nth));
  const isLink = (l: unknown) => typeof l === 'object' && l !== null && ['zh', 'en'].every((side) => Array.isArray((l as Record<string, unknown>)[side]) && ((l as Record<string, unknown[]>)[side]).every(isName));
  if (!Array.isArray(data) || !data.every(isLink)) throw new Error('gold.json: expected an array of {"zh": [names], "en": [names]} links');
  return data as GoldLink[];
}

/** The index in `texts` of the block `name` designates, or null when none (or, for a substring, more than one) does. */
export function resolveName(name: GoldName, texts: readonly string[]): number | null {
  if (typeof name === 'string') {
    const hits = texts.flatMap((t, i) => (t.includes(name) ? [i] : []));
    return hits.length === 1 ? hits[0] : null;
  }
  const hits = texts.flatMap((t, i) => (t === name.text ? [i] : []));
  return hits[name.nth] ?? null;
}

/** Resolve every name of `gold` against the plain texts of the Chinese and English blocks. */
export function resolveGold(gold: readonly GoldLink[], zhTexts: readonly string[], enTexts: readonly string[]): ResolvedLink[] {
  return gold.map((l) => ({ zh: l.zh.map((n) => resolveName(n, zhTexts)), en: l.en.map((n) => resolveName(n, enTexts)) }));
}

const key = (zh: readonly number[], en: readonly number[]) => `${[...zh].sort((a, b) => a - b).join(',')}|${[...en].sort((a, b) => a - b).join(',')}`;

/**
 * Score tool links against resolved gold links (front matter is no block for the reader, nor for the
 * gold). A gold link is exact when a tool link has the same block sets on both sides; one holding
 * an unmapped name never is.
 */
export function scoreDocument(gold: readonly ResolvedLink[], test: readonly TestLink[]): DocScore {
  const testKeys = new Set(test.map((l) => key(l.source, l.target)));
  const score: DocScore = { gold: gold.length, exact: 0, gold10: 0, found10: 0, gold01: 0, found01: 0, unmapped: 0, tool: test.length };
  for (const l of gold) {
    const names = [...l.zh, ...l.en];
    const missing = names.filter((i) => i === null).length;
    score.unmapped += missing;
    const found = missing === 0 && testKeys.has(key(l.zh as number[], l.en as number[]));
    if (found) score.exact++;
    if (l.en.length === 0) {
      score.gold10++;
      if (found) score.found10++;
    }
    if (l.zh.length === 0) {
      score.gold01++;
      if (found) score.found01++;
    }
  }
  return score;
}
