/**
 * Streaming TMX reader (TMX 1.4b, LISA/GALA spec; also TMX 1.1 `lang=`), built on saxes.
 *
 * The file is read in 1 MiB chunks and decoded incrementally, so memory stays bounded whatever
 * its size. Encoding: a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) wins; without one, UTF-16 is
 * recognised from `<?` encoded as 3C 00 3F 00 / 00 3C 00 3F, otherwise the XML declaration's
 * `encoding` (any label the WHATWG Encoding standard knows) or UTF-8. A DTD is never read: an
 * external `SYSTEM` identifier is ignored and any `<!ENTITY` declaration is refused before it can
 * be used (no entity expansion, no external entities). Errors are `BitextError`s (exit 2) whose
 * message starts `file:line:column:`.
 *
 * Inline elements of `<seg>` (`bpt ept ph it ut hi sub`, TMX 1.4b §3.7): their codes (with any
 * `sub` flow inside them) are dropped from the plain text (the text of `hi` stays, it is part of
 * the sentence), and the whole segment content
 * is kept as canonical markup (`markup`) so that export restores it.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { BitextError } from '../io.ts';

/** The `<header>` attributes a reader needs (names lowercased). */
export interface TmxHeader {
  srclang?: string;
  creationtool?: string;
  creationdate?: string;
  changedate?: string;
  version?: string;
  attributes: Record<string, string>;
}

/** One `<tuv>`: its language as written, plain text, markup (null when it had no inline element). */
export interface TmxVariant {
  lang: string;
  text: string;
  markup: string | null;
  attributes: Record<string, string>;
}

/** One `<tu>`: attributes (names lowercased), `<prop>` values by type, variants in file order. */
export interface TmxUnit {
  line: number;
  attributes: Record<string, string>;
  props: Record<string, string>;
  variants: TmxVariant[];
}

const INLINE = new Set(['bpt', 'ept', 'ph', 'it', 'ut', 'hi', 'sub']);
/** Inline elements whose content is native code, not text. */
const CODE = new Set(['bpt', 'ept', 'ph', 'it', 'ut']);
const CHUNK = 1 << 20;

/** Escape text content for XML: `&`, `<` and `>` (so `]]>` can never appear). */
export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** Escape an attribute value for a double-quoted attribute (also tab, LF, CR as references). */
export function escapeAttribute(text: string): string {
  return text.replace(/[&<>"\t\n\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[c]!);
}

function lowerKeys(attributes: Record<string, string>): Record<string, string> {
  let lower = true;
  for (const k in attributes) if (/[A-Z]/.test(k)) { lower = false; break; }
  if (lower) return attributes;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attributes)) out[k.toLowerCase()] = v;
  return out;
}

function sniffEncoding(head: Buffer): { encoding: string; skip: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  if (head[0] === 0x3c && head[1] === 0x00 && head[2] === 0x3f && head[3] === 0x00) return { encoding: 'utf-16le', skip: 0 };
  if (head[0] === 0x00 && head[1] === 0x3c && head[2] === 0x00 && head[3] === 0x3f) return { encoding: 'utf-16be', skip: 0 };
  const decl = /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head.subarray(0, 200).toString('latin1'));
  const label = decl?.[1].toLowerCase();
  // A declaration saying UTF-16 on bytes without a UTF-16 signature is read as what the bytes are.
  if (!label || label === 'utf-8' || label === 'utf8' || label.startsWith('utf-16') || label === 'ucs-2') return { encoding: 'utf-8', skip: 0 };
  return { encoding: label, skip: 0 };
}

/** Length of the longest prefix of `bytes` that decodes in `encoding` (binary search). */
function decodablePrefix(bytes: Uint8Array, encoding: string): number {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

/**
 * Parse the TMX file `file`, calling `onHeader` once and `onUnit` for every `<tu>` in order.
 * Reads in bounded memory. Throws `BitextError` (exit 2, `file:line:column:` message) when the
 * file is missing, not well-formed XML, not TMX, in an unknown or invalid encoding, or declares
 * DTD entities.
 */
export function readTmx(file: string, onUnit: (unit: TmxUnit) => void, onHeader: (header: TmxHeader) => void = () => {}): void {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BitextError(`${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(error)})`}`, { file, cause: error });
  }
  const parser = new SaxesParser({ fileName: file, position: true });
  const where = () => `${file}:${parser.line}:${parser.column}`;
  const fail = (message: string): never => {
    throw new BitextError(`${where()}: ${message}`, { file, line: parser.line });
  };

  let sawRoot = false;
  let version: string | undefined;
  let inHeader = false;
  let unit: TmxUnit | null = null;
  let variant: TmxVariant | null = null;
  let inSeg = false;
  let segPlain = '';
  let segMarkup = '';
  let segInline = false;
  const inlineStack: string[] = [];
  let codeDepth = 0;
  let propType: string | null = null;
  let propText = '';

  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) fail('the DTD declares entities; entity declarations are refused (no entity expansion, no external entities)');
  });
  parser.on('opentag', (tag) => {
    const name = tag.name.toLowerCase();
    const attributes = (tag as SaxesTagPlain).attributes as Record<string, string>;
    if (!sawRoot) {
      if (name !== 'tmx') fail(`not a TMX file: root element is <${tag.name}>, expected <tmx>`);
      sawRoot = true;
      version = lowerKeys(attributes).version;
      return;
    }
    if (inSeg) {
      if (!INLINE.has(name)) fail(`unexpected <${tag.name}> inside <seg>`);
      // Markup is only kept once an inline element appears; the text before it is all plain.
      if (!segInline) segMarkup = escapeText(segPlain);
      segInline = true;
      inlineStack.push(name);
      if (CODE.has(name)) codeDepth++;
      segMarkup += `<${name}`;
      for (const [k, v] of Object.entries(attributes)) segMarkup += ` ${k}="${escapeAttribute(v)}"`;
      segMarkup += tag.isSelfClosing ? '/>' : '>';
      return;
    }
    switch (name) {
      case 'header': {
        inHeader = true;
        const a = lowerKeys(attributes);
        onHeader({ srclang: a.srclang, creationtool: a.creationtool, creationdate: a.creationdate, changedate: a.changedate, version, attributes: a });
        break;
      }
      case 'tu':
        unit = { line: parser.line, attributes: lowerKeys(attributes), props: {}, variants: [] };
        break;
      case 'tuv': {
        if (!unit) fail('<tuv> outside <tu>');
        const a = lowerKeys(attributes);
        const lang = a['xml:lang'] ?? a.lang;
        if (lang === undefined) fail('<tuv> without xml:lang (or TMX 1.1 lang)');
        variant = { lang: lang!, text: '', markup: null, attributes: a };
        break;
      }
      case 'seg':
        if (!variant) fail('<seg> outside <tuv>');
        inSeg = true;
        segPlain = '';
        segMarkup = '';
        segInline = false;
        codeDepth = 0;
        break;
      case 'prop':
        if (unit && !variant && !inHeader) {
          propType = lowerKeys(attributes).type ?? '';
          propText = '';
        }
        break;
      default:
        break;
    }
  });
  const onText = (text: string) => {
    if (inSeg) {
      if (codeDepth <= 0) segPlain += text;
      if (segInline) segMarkup += escapeText(text);
    } else if (propType !== null) {
      propText += text;
    }
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    const name = tag.name.toLowerCase();
    if (inSeg && name !== 'seg') {
      inlineStack.pop();
      if (CODE.has(name)) codeDepth--;
      if (!tag.isSelfClosing) segMarkup += `</${name}>`;
      return;
    }
    switch (name) {
      case 'header':
        inHeader = false;
        break;
      case 'seg':
        inSeg = false;
        if (variant) {
          variant.text = segPlain;
          variant.markup = segInline ? segMarkup : null;
        }
        break;
      case 'tuv':
        if (unit && variant) unit.variants.push(variant);
        variant = null;
        break;
      case 'tu':
        if (unit) onUnit(unit);
        unit = null;
        break;
      case 'prop':
        if (propType !== null && unit) unit.props[propType] = propText;
        propType = null;
        break;
      default:
        break;
    }
  });

  try {
    const head = Buffer.alloc(4096);
    const headLength = readSync(fd, head, 0, head.length, 0);
    if (headLength === 0) throw new BitextError(`${file}: file is empty`, { file });
    const { encoding, skip } = sniffEncoding(head.subarray(0, headLength));
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    } catch {
      throw new BitextError(`${file}:1:1: unsupported encoding "${encoding}"`, { file, line: 1 });
    }
    const chunk = Buffer.alloc(CHUNK);
    let position = skip;
    for (;;) {
      const n = readSync(fd, chunk, 0, CHUNK, position);
      if (n === 0) break;
      position += n;
      let text: string;
      try {
        text = decoder.decode(chunk.subarray(0, n), { stream: true });
      } catch {
        // Parse up to the first undecodable byte so that line and column point at it.
        const good = decodablePrefix(chunk.subarray(0, n), encoding);
        parser.write(new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(chunk.subarray(0, good), { stream: true }));
        fail(`invalid ${encoding} byte sequence at byte ${position - n + good}`);
      }
      if (text!.includes('\u0000')) fail('NUL character: the file is binary or in an undeclared encoding');
      parser.write(text!);
    }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      fail(`invalid ${encoding} byte sequence at the end of the file`);
    }
    parser.write(rest!);
    parser.close();
    if (!sawRoot) fail('not a TMX file: no <tmx> element');
  } catch (error) {
    if (error instanceof BitextError) throw error;
    const message = (error as Error).message;
    throw new BitextError(message.startsWith(file) ? message : `${where()}: ${message}`, { file, line: parser.line, cause: error });
  } finally {
    closeSync(fd);
  }
}
