/**
 * Streaming TMX reader (TMX 1.4b, LISA/GALA spec; also TMX 1.1 `lang=`), built on saxes.
 *
 * The file is read in 1 MiB chunks, one after the other (so a pipe or `/dev/stdin` works too), and
 * decoded incrementally; with the limits below (`TMX_LIMITS`) memory stays bounded whatever the
 * file holds: a longer text, attribute or name, or a deeper or wider element, is refused with a
 * `file:line:column:` error instead of being kept. Encoding: a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) wins; without one, UTF-16 is
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
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
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
/** Decoded text is given to the parser in slices of this many characters, its buffers checked after each. */
const SLICE = 1 << 16;

/**
 * What the reader keeps at most, in UTF-16 code units (characters) or counts. `text`: the content
 * of one `<seg>` (plain or with its inline markup), `<prop>`, comment, CDATA section, processing
 * instruction or DTD; `attribute`: one attribute value; `name`: an element or attribute name;
 * `attributes`: attributes of one element; `depth`: element nesting; `unit`: the characters of
 * one `<tu>` (all its segments and props); `variants`: `<tuv>` and `<prop>` elements of one `<tu>`.
 */
export const TMX_LIMITS = {
  text: 1 << 20,
  attribute: 1 << 16,
  name: 1024,
  attributes: 256,
  depth: 64,
  unit: 8 << 20,
  variants: 1000,
} as const;

/**
 * saxes's buffers, not part of its typed interface: it accumulates a text run, a comment or an
 * attribute value in `text`, names in `name`, and so on, until the construct ends; checking their
 * size between slices bounds what a single construct can hold.
 */
interface SaxesBuffers {
  text: string;
  name: string;
  piTarget: string;
  entity: string;
  attribList: unknown[];
}

/** Escape text content for XML: `&`, `<` and `>` (so `]]>` can never appear). */
export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** C0 controls XML 1.0 forbids (all but tab, LF, CR). */
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
/** Other code points XML 1.0 forbids: U+FFFE, U+FFFF and surrogates not in a pair. */
const FORBIDDEN_OTHERS = /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` with what XML 1.0 cannot carry (its `Char` production) taken out: a C0 control other than
 * tab, LF and CR becomes a space (a vertical tab or form feed from a word processor separates
 * words, FR-17 in ../shared/cases/field-reports.md); U+FFFE, U+FFFF and lone surrogates are
 * removed. Astral characters (a surrogate pair: 𠮷, 😀) are kept as they are. Used on export
 * (pipeline/memory/tmx-write.ts); `readTmx` reads such raw controls as spaces the same way, so a
 * file written by another tool imports as Bitext would have exported it.
 */
export function xmlSafe(text: string): string {
  return text.replace(FORBIDDEN_CONTROLS, ' ').replace(FORBIDDEN_OTHERS, '');
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
 * Read the next bytes of `fd` into `buffer` from `offset` (sequentially: files, pipes and devices
 * alike); 0 at the end. Waits when a non-blocking pipe has nothing yet. Throws `BitextError` naming `file`.
 */
function readOn(fd: number, buffer: Buffer, offset: number, file: string): number {
  for (;;) {
    try {
      return readSync(fd, buffer, offset, buffer.length - offset, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      throw new BitextError(`${file}: cannot read (${code ?? String(error)})`, { file, cause: error });
    }
  }
}

/**
 * Parse the TMX file `file`, calling `onHeader` once and `onUnit` for every `<tu>` in order.
 * `file` may be a pipe (read once, in order). Reads in bounded memory. Throws `BitextError` (exit
 * 2, `file:line:column:` message) when the file is missing, a folder, not well-formed XML, not
 * TMX, in an unknown or invalid encoding, over a limit of `TMX_LIMITS`, or declares DTD entities;
 * what `onUnit` or `onHeader` throw is rethrown unchanged.
 */
export function readTmx(file: string, onUnit: (unit: TmxUnit) => void, onHeader: (header: TmxHeader) => void = () => {}): void {
  let fd: number;
  try {
    // Standard input is read from its descriptor: a socket (as a parent process may give) cannot be reopened by name.
    fd = file === '/dev/stdin' ? 0 : openSync(file, 'r');
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
  let callerError: unknown;

  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) fail('the DTD declares entities; entity declarations are refused (no entity expansion, no external entities)');
  });
  const beyond = (what: string, limit: number): never => fail(`${what} longer than ${limit} characters: refused (TMX_LIMITS in pipeline/memory/tmx-read.ts)`);
  let depth = 0;
  let unitSize = 0;
  let unitParts = 0;
  /** Count `size` characters or one part against the `<tu>` being read. */
  const countUnit = (size: number, part: number) => {
    unitSize += size;
    unitParts += part;
    if (unitSize > TMX_LIMITS.unit) beyond('<tu>', TMX_LIMITS.unit);
    if (unitParts > TMX_LIMITS.variants) fail(`<tu> with more than ${TMX_LIMITS.variants} <tuv> and <prop> elements: refused (TMX_LIMITS in pipeline/memory/tmx-read.ts)`);
  };
  parser.on('opentag', (tag) => {
    const name = tag.name.toLowerCase();
    const attributes = (tag as SaxesTagPlain).attributes as Record<string, string>;
    if (++depth > TMX_LIMITS.depth) fail(`elements nested more than ${TMX_LIMITS.depth} deep: refused (TMX_LIMITS in pipeline/memory/tmx-read.ts)`);
    if (tag.name.length > TMX_LIMITS.name) beyond('name', TMX_LIMITS.name);
    for (const [k, v] of Object.entries(attributes)) {
      if (k.length > TMX_LIMITS.name) beyond('name', TMX_LIMITS.name);
      if (v.length > TMX_LIMITS.attribute) beyond(`attribute ${k.slice(0, 64)} of <${tag.name}>`, TMX_LIMITS.attribute);
    }
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
      if (segMarkup.length > TMX_LIMITS.text) beyond('<seg>', TMX_LIMITS.text);
      return;
    }
    switch (name) {
      case 'header': {
        inHeader = true;
        const a = lowerKeys(attributes);
        try {
          onHeader({ srclang: a.srclang, creationtool: a.creationtool, creationdate: a.creationdate, changedate: a.changedate, version, attributes: a });
        } catch (error) {
          callerError = error;
          throw error;
        }
        break;
      }
      case 'tu':
        unit = { line: parser.line, attributes: lowerKeys(attributes), props: {}, variants: [] };
        unitSize = 0;
        unitParts = 0;
        break;
      case 'tuv': {
        if (!unit) fail('<tuv> outside <tu>');
        const a = lowerKeys(attributes);
        const lang = a['xml:lang'] ?? a.lang;
        if (lang === undefined) fail('<tuv> without xml:lang (or TMX 1.1 lang)');
        variant = { lang: lang!, text: '', markup: null, attributes: a };
        countUnit(0, 1);
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
          countUnit(0, 1);
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
      if (segPlain.length > TMX_LIMITS.text || segMarkup.length > TMX_LIMITS.text) beyond('<seg>', TMX_LIMITS.text);
    } else if (propType !== null) {
      propText += text;
      if (propText.length > TMX_LIMITS.text) beyond('<prop>', TMX_LIMITS.text);
    }
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    const name = tag.name.toLowerCase();
    depth--;
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
        countUnit(segPlain.length + (segInline ? segMarkup.length : 0), 0);
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
        if (unit) {
          const done = unit;
          unit = null;
          try {
            onUnit(done);
          } catch (error) {
            // The caller's own failure (the memory, say) is not an error of the TMX at this line.
            callerError = error;
            throw error;
          }
        }
        break;
      case 'prop':
        if (propType !== null && unit) {
          unit.props[propType] = propText;
          countUnit(propText.length, 0);
        }
        propType = null;
        break;
      default:
        break;
    }
  });

  /**
   * Refuse a file whose first character (after a byte-order mark and white space) does not open
   * markup, naming it as no TMX at that line and column: a CSV or a text file would otherwise get
   * the XML parser's wording ("text data outside of root node") at its end.
   */
  const refuseText = (text: string) => {
    const at = text.search(/\S/);
    if (at < 0 || text[at] === '<') return;
    const before = text.slice(0, at).split('\n');
    const line = before.length;
    const column = before[before.length - 1].length + 1;
    const first = text.slice(at).split(/\r?\n/, 1)[0].slice(0, 40);
    throw new BitextError(`${file}:${line}:${column}: not a TMX file: it starts with text ("${first}"), where a TMX file starts with XML markup (<?xml …?> or <tmx>)`, { file, line });
  };

  const buffers = parser as unknown as SaxesBuffers;
  /** Give `text` to the parser a slice at a time, refusing any construct that grows past its limit. */
  const feed = (raw: string) => {
    // Raw controls (a vertical tab that another tool wrote unescaped, FR-17) are read as spaces
    // rather than refused as "disallowed character"; NUL was refused above as a sign of binary.
    const text = raw.replace(FORBIDDEN_CONTROLS, ' ');
    for (let at = 0; at < text.length; at += SLICE) {
      parser.write(text.slice(at, at + SLICE));
      if (buffers.text.length > TMX_LIMITS.text) beyond('text, comment or markup', TMX_LIMITS.text);
      if (buffers.name.length > TMX_LIMITS.name || buffers.piTarget.length > TMX_LIMITS.name || buffers.entity.length > TMX_LIMITS.name) beyond('name', TMX_LIMITS.name);
      if (buffers.attribList.length > TMX_LIMITS.attributes) fail(`element with more than ${TMX_LIMITS.attributes} attributes: refused (TMX_LIMITS in pipeline/memory/tmx-read.ts)`);
    }
  };

  try {
    if (fstatSync(fd).isDirectory()) throw new BitextError(`${file}: is a folder, not a TMX file`, { file });
    const chunk = Buffer.alloc(CHUNK);
    // Enough bytes to see a byte-order mark and the XML declaration, however a pipe delivers them.
    let n = 0;
    for (let got = -1; n < 256 && got !== 0; n += got) got = readOn(fd, chunk, n, file);
    if (n === 0) throw new BitextError(`${file}: file is empty`, { file });
    const { encoding, skip } = sniffEncoding(chunk.subarray(0, n));
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    } catch {
      throw new BitextError(`${file}:1:1: unsupported encoding "${encoding}"`, { file, line: 1 });
    }
    let from = skip;
    let offset = 0;
    while (n > 0) {
      const bytes = chunk.subarray(from, n);
      let text: string;
      try {
        text = decoder.decode(bytes, { stream: true });
      } catch {
        // Parse up to the first undecodable byte so that line and column point at it.
        const good = decodablePrefix(bytes, encoding);
        feed(new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, good), { stream: true }));
        fail(`${sawRoot ? '' : 'not a TMX file: '}invalid ${encoding} byte sequence at byte ${offset + from + good}`);
      }
      if (text!.includes('\u0000')) fail('NUL character: the file is binary or in an undeclared encoding');
      if (offset === 0) refuseText(text!);
      feed(text!);
      offset += n;
      from = 0;
      n = readOn(fd, chunk, 0, file);
    }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      fail(`invalid ${encoding} byte sequence at the end of the file`);
    }
    feed(rest!);
    parser.close();
    if (!sawRoot) fail('not a TMX file: no <tmx> element');
  } catch (error) {
    if (error instanceof BitextError || error === callerError) throw error;
    const raw = (error as Error).message;
    // saxes prefixes its messages with `file:line:column: `.
    const split = raw.startsWith(`${file}:`) ? raw.indexOf(': ', file.length) : -1;
    const at = split < 0 ? where() : raw.slice(0, split);
    const message = split < 0 ? raw : raw.slice(split + 2);
    // Before the <tmx> element the file is no TMX at all, whatever the parser found wrong.
    throw new BitextError(`${at}: ${sawRoot ? message : `not a TMX file (${message})`}`, { file, line: parser.line, cause: error });
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}
