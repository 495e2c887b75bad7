/**
 * The review server (`bitext review`; the JSON shapes: `DocState` below, `EditOp` in edits.ts): serves
 * the editor page and a JSON API over the document pairs of one source folder, on 127.0.0.1 only,
 * every request holding a random token (as Jupyter does). A document is read and aligned as
 * `build` does (`loadPair`, pipeline/align/pairs.ts); each edit (edits.ts) saves its corrections
 * file at once and re-aligns the links near the change (`realignNear`, pipeline/align/align.ts);
 * a per-document version refuses an edit
 * made on a state another tab has since changed (409), and a per-document history undoes and redoes
 * edits for the session. Sources changed on disk while serving are read again on the next request.
 */
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Hono, type Context } from 'hono';
import { serve } from '@hono/node-server';
import type { Bitext, Document } from '../types.ts';
import { BitextError } from '../io.ts';
import {
  correctionLabel,
  CORRECTIONS_FILE,
  findPairs,
  loadPair,
  realignNear,
  readCorrections,
  resolveCorrections,
  writeCorrections,
  type Correction,
  type DocumentPair,
} from '../align/index.ts';
import { checkBitext, reviewReasons } from '../check/index.ts';
import { applyEdit, parseEditOp } from './edits.ts';
import { reviewPage, reviewScript } from './page.ts';

/** One block as the page shows it: its id in its (aligned) document, its kind and text. */
export interface BlockView {
  id: number;
  kind: string;
  text: string;
}

/** One block link as the page shows it (`DocState.links`). */
export interface LinkView {
  /** Position in the document's links: what an `EditOp` names. */
  index: number;
  source: BlockView[];
  target: BlockView[];
  score: number;
  /** The link is in the review queue (`toReview`, pipeline/check/review.ts). */
  review: boolean;
  corrected: boolean;
  moved: boolean;
  /** Why it is in the review queue (`reviewReasons`, pipeline/check/review.ts): `not 1-1`, `low score`, `moved`, `sentences not 1-1`, and the code of each error finding. */
  reasons: string[];
  sentences: { source: string[]; target: string[]; score: number }[];
  findings: { severity: 'error' | 'warning' | 'info'; code: string; message: string }[];
}

/** What the page shows of one document: its links, the corrections not applied, and the history's state. */
export interface DocState {
  name: string;
  /** +1 on every saved edit (undo and redo too) and every time the sources are read again. */
  version: number;
  sourceLang: string;
  targetLang: string;
  links: LinkView[];
  /** Corrections recorded but not applied (`resolveCorrections`): the link as recorded and why. */
  stale: { link: string; why: string }[];
  canUndo: boolean;
  canRedo: boolean;
}

/** Options of `startReviewServer`. */
export interface ReviewServerOptions {
  /** A source folder of document folders (`findPairs`) or one document folder. */
  root: string;
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** The token every request must hold; default 32 random hex digits (node:crypto). */
  token?: string;
  /** Interface language of the page (a tag as `--ui-lang` takes); default `en`. */
  lang?: string;
}

/** A running review server. */
export interface ReviewServer {
  /** `http://127.0.0.1:PORT/?token=TOKEN`: the page, with the token. */
  url: string;
  token: string;
  /** Stop listening and end open connections. */
  close(): Promise<void>;
}

/** One document as the server holds it between requests. */
interface DocSession {
  pair: DocumentPair;
  version: number;
  /** Modification times of the two sources and the corrections file when last read, as one key. */
  stamp: string;
  corrections: Correction[];
  bitext: Bitext;
  /** Earlier corrections lists (undo pops the last) and those undone (redo pops the last). */
  undo: Correction[][];
  redo: Correction[][];
  /** The page's view of this alignment, made once: `check` over 2,000 links is most of an opening's time. */
  view?: DocState;
}

/** Modification times (ms) of the files a document is read from, as one string; a missing file counts as time 0. */
function stampOf(pair: DocumentPair): string {
  return [pair.sourceFile, pair.targetFile, join(pair.dir, CORRECTIONS_FILE)].map((f) => statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0).join('|');
}

/** Read the document pair and its corrections from disk and align it (`loadPair`, pipeline/align/pairs.ts, as `build` does). */
function read(pair: DocumentPair): Pick<DocSession, 'stamp' | 'corrections' | 'bitext'> {
  return { stamp: stampOf(pair), corrections: readCorrections(pair.dir), bitext: loadPair(pair) };
}

/** Read the document again when a source or its corrections file changed since it was read (a revision while the editor is open): the version goes up. */
function refresh(s: DocSession): void {
  if (stampOf(s.pair) === s.stamp) return;
  Object.assign(s, read(s.pair), { view: undefined });
  s.version += 1;
}

/**
 * Save `corrections` as the document's corrections file (`writeCorrections`) and re-align the links
 * near the change (`realignNear`: the whole document takes about a second on 500 links); the
 * version goes up.
 */
function save(s: DocSession, corrections: Correction[]): void {
  writeCorrections(s.pair.dir, corrections);
  s.stamp = stampOf(s.pair);
  s.bitext = realignNear(s.bitext, corrections);
  s.corrections = corrections;
  s.view = undefined;
  s.version += 1;
}

/** The page's view of a session (see `DocState`), made once for each alignment (`refresh` and `save` drop it). */
function docState(s: DocSession): DocState {
  s.view ??= makeDocState(s);
  return s.view;
}

/** Links with their blocks, sentences, review marks and `check` findings, the corrections not applied, the history's state. */
function makeDocState(s: DocSession): DocState {
  const { bitext } = s;
  const findings = checkBitext(bitext);
  const reasons = reviewReasons(bitext.links, findings);
  const blocks = (ids: readonly number[], doc: Document) => ids.map((id) => ({ id, kind: doc.blocks[id].kind, text: doc.blocks[id].text }));
  const sentences = (ids: readonly number[], doc: Document) => ids.map((id) => doc.segments[id].text);
  const links = bitext.links.map((link, index): LinkView => {
    const mine = findings.filter((f) => f.link === index);
    return {
      index,
      source: blocks(link.source, bitext.source),
      target: blocks(link.target, bitext.target),
      score: link.score,
      review: reasons[index].length > 0,
      corrected: link.corrected === true,
      moved: link.moved === true,
      reasons: reasons[index],
      sentences: link.sentences.map((l) => ({ source: sentences(l.source, bitext.source), target: sentences(l.target, bitext.target), score: l.score })),
      findings: mine.map((f) => ({ severity: f.level, code: f.code, message: f.message })),
    };
  });
  const stale = resolveCorrections(s.corrections, bitext.source, bitext.target).flatMap((r) => (r.stale ? [{ link: correctionLabel(r.correction), why: r.stale }] : []));
  return { name: s.pair.doc, version: s.version, sourceLang: bitext.source.lang, targetLang: bitext.target.lang, links, stale, canUndo: s.undo.length > 0, canRedo: s.redo.length > 0 };
}

/** True when `given` is `token`, compared in constant time (of their SHA-256 digests, so lengths may differ). */
function sameToken(given: string, token: string): boolean {
  const digest = (t: string) => createHash('sha256').update(t).digest();
  return timingSafeEqual(digest(given), digest(token));
}

/** A name that could step outside the source folder: refused before it is looked up. */
const UNSAFE_NAME = /[/\\\0]|\.\./;

/**
 * Start the review server over the document pairs under `options.root` (`findPairs`) on
 * 127.0.0.1 (routes: `/`, `/doc/NAME`, `/client.js`, `/api/docs`, `/api/doc/NAME`, `POST /api/doc/NAME/edit`): every
 * request needs the Host header `127.0.0.1:PORT` or `localhost:PORT` (DNS-rebinding protection)
 * and the token, as `?token=T` or the header `Authorization: Token T`, else 403 with one
 * line; a document name not among the pairs, or with `/`, `\`, `..` or NUL, is 404; an edit on a
 * stale version is 409 `{ error: "stale", version }`; an op that does not fit is 400 `{ error }`; a
 * document that cannot be read is 500 `{ error }` (one line naming the file), and `{ name, error }`
 * in `/api/docs`. Documents are read when first asked for — the one document of a document folder
 * before listening. Resolves once listening; throws `BitextError` (exit 2) when the folder holds
 * no pair, or when `root` is one document folder whose pair cannot be read.
 */
export async function startReviewServer(options: ReviewServerOptions): Promise<ReviewServer> {
  const token = options.token ?? randomBytes(16).toString('hex');
  const lang = options.lang ?? 'en';
  const pairs = new Map(findPairs(options.root).map((p) => [p.doc, p]));
  const sessions = new Map<string, DocSession>();

  /** The pair of document `name`; undefined when there is no such document. */
  const pairOf = (name: string): DocumentPair | undefined => (UNSAFE_NAME.test(name) ? undefined : pairs.get(name));
  /** The session of document `name`, read or refreshed; null when there is no such document; throws `BitextError` when it cannot be read. */
  const session = (name: string): DocSession | null => {
    const pair = pairOf(name);
    if (!pair) return null;
    const s = sessions.get(name);
    if (!s) {
      const opened: DocSession = { pair, version: 1, ...read(pair), undo: [], redo: [] };
      sessions.set(name, opened);
      return opened;
    }
    refresh(s);
    return s;
  };
  const notFound = (c: Context) => c.text('no such document\n', 404);

  // One document folder: read and aligned before listening, so a pair that cannot be read fails
  // as `build` does (one line naming the file, exit 2) and the page opens at once.
  const only = pairs.size === 1 ? [...pairs.values()][0] : undefined;
  if (only && resolve(only.dir) === resolve(options.root)) session(only.doc);

  let port = 0; // known once listening
  const app = new Hono();
  app.use('*', async (c, next) => {
    // DNS rebinding (as Jupyter guards against it): a page of another site whose name resolves to
    // 127.0.0.1 sends its own host name; only our own address and port are served.
    const host = c.req.header('host');
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return c.text(`forbidden: Host must be 127.0.0.1:${port} or localhost:${port}\n`, 403);
    await next();
  });
  app.use('*', async (c, next) => {
    const header = /^Token (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    const given = c.req.query('token') ?? header ?? '';
    if (!sameToken(given, token)) return c.text('forbidden: this request needs the token printed with the URL (?token=… or Authorization: Token …)\n', 403);
    await next();
  });
  app.onError((error, c) => {
    const message = (error instanceof BitextError ? error.message : String(error)).split('\n')[0];
    return c.json({ error: message }, 500);
  });

  const names = [...pairs.keys()];
  app.get('/', (c) => c.html(names.length === 1 ? reviewPage({ token, doc: names[0], lang }) : reviewPage({ token, docs: names, lang })));
  app.get('/doc/:name', (c) => (pairOf(c.req.param('name')) ? c.html(reviewPage({ token, doc: c.req.param('name'), lang })) : notFound(c)));
  app.get('/client.js', (c) => c.body(reviewScript(), 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/api/docs', (c) =>
    c.json({
      docs: names.map((name) => {
        try {
          const s = session(name)!;
          // The document's view, made once and kept for its editor page: `check` runs once per alignment.
          const view = docState(s);
          return { name, links: view.links.length, review: view.links.filter((l) => l.review).length };
        } catch (error) {
          if (!(error instanceof BitextError)) throw error;
          return { name, error: error.message.split('\n')[0] };
        }
      }),
    }),
  );
  app.get('/api/doc/:name', (c) => {
    const s = session(c.req.param('name'));
    return s ? c.json(docState(s)) : notFound(c);
  });
  app.post('/api/doc/:name/edit', async (c) => {
    const s = session(c.req.param('name'));
    if (!s) return notFound(c);
    let body: { version?: unknown; op?: unknown };
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'the body is not JSON: expected { "version": N, "op": { … } }' }, 400);
    }
    if (body?.version !== s.version) return c.json({ error: 'stale', version: s.version }, 409);
    try {
      const op = parseEditOp(body.op);
      if (op.kind === 'undo' || op.kind === 'redo') {
        const [from, to] = op.kind === 'undo' ? [s.undo, s.redo] : [s.redo, s.undo];
        const corrections = from.pop();
        if (!corrections) throw new BitextError(`nothing to ${op.kind}`);
        to.push(s.corrections);
        save(s, corrections);
      } else {
        const corrections = applyEdit(s.bitext, s.corrections, op);
        s.undo.push(s.corrections);
        s.redo = [];
        save(s, corrections);
      }
    } catch (error) {
      if (error instanceof BitextError) return c.json({ error: error.message.split('\n')[0] }, 400);
      throw error;
    }
    return c.json(docState(s));
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' }, () => resolve(s as Server)) as Server;
    // A port already taken: one line naming it, as every error of the command line is.
    s.once('error', (error) => reject(new BitextError(`cannot listen on 127.0.0.1:${options.port ?? 0}: ${error.message}`)));
  });
  ({ port } = server.address() as AddressInfo);
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
