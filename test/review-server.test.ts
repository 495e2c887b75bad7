/**
 * The review server (issue 12 item 5, pipeline/review/server.ts) through real HTTP: started in
 * this process on a free port and asked with Node's fetch. Each expected corrections file is
 * worked out by hand from the links the edit starts from; the dropped-paragraph case is the pair
 * of test/helpers/library-pair.ts, checked against its gold links. One test runs the `review`
 * verb as a process (dist/main.js, as test/cli-main.test.ts does): its first line and SIGTERM.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { correctionLabel, findPair, loadPair, readCorrections } from '../pipeline/align/index.ts';
import { startReviewServer, type DocState, type EditOp, type ReviewServer } from '../pipeline/review/index.ts';
import { bitext, DIST_MAIN } from './helpers/cli.ts';
import { fixture } from './helpers/fixtures.ts';
import { EN, GOLD, pairDir, ZH } from './helpers/library-pair.ts';
import { ROOT } from './helpers/paths.ts';

const TOKEN = '0123456789abcdef0123456789abcdef';
let server: ReviewServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(root: string): Promise<string> {
  server = await startReviewServer({ root, token: TOKEN });
  return new URL(server.url).origin;
}
const auth = { authorization: `Token ${TOKEN}` };
const state = async (base: string, name: string): Promise<DocState> => (await fetch(`${base}/api/doc/${name}`, { headers: auth })).json() as Promise<DocState>;
const post = (base: string, name: string, version: number, op: EditOp) =>
  fetch(`${base}/api/doc/${name}/edit`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ version, op }) });
const shape = (s: DocState) => s.links.map((l) => [l.source.map((b) => b.id), l.target.map((b) => b.id)]);
const file = (dir: string) => readCorrections(dir).map(correctionLabel);

// The library pair with zh 3 left out and en 2 and en 3 one paragraph: five blocks a side, each
// translating the other's block at the same position, so the alignment is [k]:[k] for k 0–4.
const CLEAN_ZH = [ZH[0], ZH[1], ZH[2], ZH[4], ZH[5]];
const CLEAN_EN = [EN[0], EN[1], `${EN[2]} ${EN[3]}`, EN[4], EN[5]];
const ONE_TO_ONE = [0, 1, 2, 3, 4].map((k) => [[k], [k]]);

describe('review server: the token', () => {
  it('refuses a request without the token or with a wrong one (403, one line), in the query and in the header', async () => {
    const base = await start(pairDir());
    for (const path of ['/', '/doc/library', '/client.js', '/api/docs', '/api/doc/library']) {
      for (const init of [{}, { headers: { authorization: 'Token wrong' } }, { headers: { authorization: TOKEN } }]) {
        const r = await fetch(`${base}${path}`, init);
        expect(r.status).toBe(403);
        expect((await r.text()).trimEnd().split('\n')).toHaveLength(1);
      }
      expect((await fetch(`${base}${path}?token=${TOKEN.slice(1)}`)).status).toBe(403);
      expect((await fetch(`${base}${path}?token=${TOKEN}`)).status).toBe(200);
      expect((await fetch(`${base}${path}`, { headers: auth })).status).toBe(200);
    }
    expect(await (await fetch(`${base}/api/docs`, { headers: auth })).json()).toEqual({ docs: [{ name: 'library', links: 6, review: expect.any(Number) }] });
  });

  it('the URL is 127.0.0.1 with 32 hex digits of token when none is given', async () => {
    server = await startReviewServer({ root: pairDir() });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32}$/);
    expect(server.url.endsWith(server.token)).toBe(true);
  });
});

/** GET `path` of `base` with the Host header `host` (fetch sets Host itself): the status and the body. */
const withHost = (base: string, path: string, host: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const u = new URL(path, base);
    const req = request({ hostname: u.hostname, port: u.port, path: u.pathname + u.search, headers: { host, ...auth } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });

describe('review server: the Host header (DNS rebinding)', () => {
  it('serves only Host 127.0.0.1:PORT and localhost:PORT; any other is 403 with one line', async () => {
    const base = await start(pairDir());
    const port = new URL(base).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) expect((await withHost(base, '/api/docs', host)).status, host).toBe(200);
    for (const host of [`evil.example:${port}`, 'localhost', `127.0.0.1:${Number(port) + 1}`, `localhost.evil.example:${port}`, `[::1]:${port}`]) {
      const r = await withHost(base, '/api/docs', host);
      expect(r.status, host).toBe(403);
      expect(r.body.trimEnd().split('\n'), host).toHaveLength(1);
    }
  });
});

describe('review server: a pair that cannot be read', () => {
  it('one document folder: fails before listening, one line naming the empty file; `bitext review` exits 2 with it', async () => {
    const dir = join(fixture({ 'doc/zh.md': `${ZH[1]}\n`, 'doc/en.md': '' }), 'doc');
    const why = `${join(dir, 'en.md')}: file is empty`;
    await expect(startReviewServer({ root: dir, token: TOKEN })).rejects.toThrow(why);
    expect(await bitext(['review', dir, '--no-open'])).toEqual({ code: 2, stdout: '', stderr: `bitext: ${why}\n` });
  });

  it('a source folder: the editor page is served, its state is an error naming the file, the list gives that error for it alone', async () => {
    const top = fixture({ 'src/a/zh.md': `${ZH[1]}\n`, 'src/a/en.md': `${EN[1]}\n`, 'src/bad/zh.md': `${ZH[1]}\n`, 'src/bad/en.md': '' });
    const base = await start(join(top, 'src'));
    expect((await fetch(`${base}/doc/bad`, { headers: auth })).status).toBe(200);
    const r = await fetch(`${base}/api/doc/bad`, { headers: auth });
    expect(r.status).toBe(500);
    expect(await r.json()).toEqual({ error: `${join(top, 'src', 'bad', 'en.md')}: file is empty` });
    expect(await (await fetch(`${base}/api/docs`, { headers: auth })).json()).toEqual({
      docs: [
        { name: 'a', links: 1, review: 0 },
        { name: 'bad', error: `${join(top, 'src', 'bad', 'en.md')}: file is empty` },
      ],
    });
  });
});

describe('review server: document names', () => {
  it('refuses names outside the source folder or not among its pairs (404)', async () => {
    // A pair beside the source folder, `secret`, that no name may reach.
    const top = fixture({ 'src/a/zh.md': `${ZH[1]}\n`, 'src/a/en.md': `${EN[1]}\n`, 'src/b/zh.md': `${ZH[4]}\n`, 'src/b/en.md': `${EN[4]}\n`, 'secret/zh.md': `${ZH[5]}\n`, 'secret/en.md': `${EN[5]}\n` });
    const base = await start(join(top, 'src'));
    expect((await fetch(`${base}/api/doc/a`, { headers: auth })).status).toBe(200);
    // A segment `..` or `.` (also as %2E) is resolved by the URL parser before a request is sent; with an encoded slash it reaches the server.
    for (const name of [ '..%2Fsecret', '%2E%2E%2Fsecret', 'a%2F..%2F..%2Fsecret', '..%5Csecret', '%00a', 'a%00', 'secret', 'c']) {
      expect((await fetch(`${base}/api/doc/${name}`, { headers: auth })).status, name).toBe(404);
      expect((await fetch(`${base}/doc/${name}`, { headers: auth })).status, name).toBe(404);
      expect((await post(base, name, 1, { kind: 'confirm', link: 0 })).status, name).toBe(404);
    }
  });
});

describe('review server: edits', () => {
  it('each op saves the corrections file as worked out by hand; a stale version is 409, an op that does not fit 400; undo and redo', async () => {
    const dir = pairDir(CLEAN_ZH, CLEAN_EN);
    const base = await start(dir);
    let s = await state(base, 'library');
    expect(s).toMatchObject({ name: 'library', version: 1, sourceLang: 'zh-Hans', targetLang: 'en', stale: [], canUndo: false, canRedo: false });
    expect(shape(s)).toEqual(ONE_TO_ONE);
    const edit = async (op: EditOp) => {
      const r = await post(base, 'library', s.version, op);
      expect(r.status).toBe(200);
      s = (await r.json()) as DocState;
      return s;
    };

    await edit({ kind: 'merge-next', link: 1 });
    expect(file(dir)).toEqual(['[1,2]:[1,2]']);
    expect(shape(s)).toEqual([[[0], [0]], [[1, 2], [1, 2]], [[3], [3]], [[4], [4]]]);
    expect(s.links.map((l) => l.corrected)).toEqual([false, true, false, false]);
    expect(s).toMatchObject({ version: 2, canUndo: true, canRedo: false });

    await edit({ kind: 'split', link: 1, source: 1, target: 1 });
    expect(file(dir)).toEqual(['[1]:[1]', '[2]:[2]']);
    await edit({ kind: 'move', link: 2, side: 'target', direction: 'up' });
    expect(file(dir)).toEqual(['[1]:[1,2]', '[2]:[]']);
    expect(shape(s)).toEqual([[[0], [0]], [[1], [1, 2]], [[2], []], [[3], [3]], [[4], [4]]]);
    await edit({ kind: 'none', link: 0, side: 'source', block: 0 });
    expect(file(dir)).toEqual(['[]:[0]', '[0]:[]', '[1]:[1,2]', '[2]:[]']);
    const unpaired = s.links.findIndex((l) => l.source.length === 0);
    await edit({ kind: 'unconfirm', link: unpaired });
    expect(file(dir)).toEqual(['[0]:[]', '[1]:[1,2]', '[2]:[]']);
    await edit({ kind: 'confirm', link: s.links.length - 1 });
    expect(file(dir)).toEqual(['[0]:[]', '[1]:[1,2]', '[2]:[]', '[4]:[4]']);
    expect(s.version).toBe(7);

    // Another tab still at version 6: refused, told the current version; nothing saved.
    const stale = await post(base, 'library', 6, { kind: 'merge-next', link: 0 });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toEqual({ error: 'stale', version: 7 });
    const last = await post(base, 'library', 7, { kind: 'merge-next', link: s.links.length - 1 });
    expect(last.status).toBe(400);
    expect(await last.json()).toEqual({ error: `link ${s.links.length - 1} is the last link: there is no next link to merge with` });
    expect((await post(base, 'library', 7, { kind: 'redo' })).status).toBe(400);
    expect(file(dir)).toEqual(['[0]:[]', '[1]:[1,2]', '[2]:[]', '[4]:[4]']);

    await edit({ kind: 'undo' });
    expect(file(dir)).toEqual(['[0]:[]', '[1]:[1,2]', '[2]:[]']);
    await edit({ kind: 'undo' });
    expect(file(dir)).toEqual(['[]:[0]', '[0]:[]', '[1]:[1,2]', '[2]:[]']);
    expect(s).toMatchObject({ version: 9, canUndo: true, canRedo: true });
    await edit({ kind: 'redo' });
    expect(file(dir)).toEqual(['[0]:[]', '[1]:[1,2]', '[2]:[]']);
    // A new edit clears what could be redone.
    await edit({ kind: 'confirm', link: 0 });
    expect(s).toMatchObject({ version: 11, canRedo: false });
    // Reading the state again (another tab) gives the saved state.
    expect(await state(base, 'library')).toEqual(s);
  });

  it('a revision of en.md while serving: the version goes up, an unchanged correction still applies, a changed one is stale', async () => {
    const dir = pairDir(CLEAN_ZH, CLEAN_EN);
    const base = await start(dir);
    let s = await state(base, 'library');
    for (const link of [1, 3]) s = (await (await post(base, 'library', s.version, { kind: 'confirm', link })).json()) as DocState;
    expect(file(dir)).toEqual(['[1]:[1]', '[3]:[3]']);
    writeFileSync(join(dir, 'en.md'), CLEAN_EN.map((t, k) => (k === 3 ? 'Today the library holds more than three thousand books and one computer.' : t)).join('\n\n') + '\n');
    const revised = await state(base, 'library');
    expect(revised.version).toBe(s.version + 1);
    expect(revised.stale).toEqual([{ link: '[3]:[3]', why: 'English block 3 changed' }]);
    expect(revised.links.map((l) => l.corrected)).toEqual([false, true, false, false, false]);
    expect(shape(revised)).toEqual(ONE_TO_ONE);
    // The tab still at the old version is told.
    expect((await post(base, 'library', s.version, { kind: 'confirm', link: 0 })).status).toBe(409);
  });

  it('the dropped-paragraph case is fixed in 2 actions from the first marked link (select the next, move its English up), and a rebuild keeps it', async () => {
    const dir = pairDir();
    const base = await start(dir);
    const s = await state(base, 'library');
    const first = s.links.findIndex((l) => l.review);
    // The first marked link holds zh 2 with en 2 only; en 3, its second half, is in the next link.
    expect(shape(s)[first]).toEqual([[2], [2]]);
    const r = await post(base, 'library', s.version, { kind: 'move', link: first + 1, side: 'target', direction: 'up' });
    const fixed = (await r.json()) as DocState;
    expect(shape(fixed)).toEqual(GOLD);
    expect(file(dir)).toEqual(['[2]:[2,3]', '[3]:[]']);
    expect(loadPair(findPair(dir)).links.map((l) => [l.source, l.target])).toEqual(GOLD);
  });
});

describe('bitext review (a process)', () => {
  it('prints the URL with the token as its first line, serves it, and ends with exit 0 on SIGTERM', async () => {
    const dir = pairDir();
    const child = spawn(process.execPath, [DIST_MAIN, 'review', dir, '--no-open', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const firstLine = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code} before printing a line`)));
    });
    expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32}$/);
    expect((await fetch(firstLine)).status).toBe(200);
    expect((await fetch(firstLine.replace(/\?token=.*/, '/api/docs'))).status).toBe(403);
    const exit = new Promise<[number | null, string | null]>((resolve) => child.on('exit', (code, signal) => resolve([code, signal])));
    child.kill('SIGTERM');
    expect(await exit).toEqual([0, null]);
    expect(readFileSync(join(dir, 'zh.md'), 'utf8')).toBe(ZH.join('\n\n') + '\n');
  });
});
