/**
 * `bitext review [SOURCE_DIR|DOC_DIR] [--port N] [--no-open]`: serve the review editor
 * (pipeline/review/server.ts) on 127.0.0.1, print its URL with the token as the first line of
 * stdout, try to open it in a browser, and serve until SIGINT or SIGTERM.
 */
import { spawn } from 'node:child_process';
import { startReviewServer } from '../review/index.ts';
import { pathIn, type CliIo } from './context.ts';

/** Arguments of `review`. */
export interface ReviewArgs {
  /** A folder of document folders, or one document folder. */
  dir: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Try to open the URL in a browser (commander's `--no-open` sets it false). */
  open: boolean;
  /** Interface language of the page. */
  uiLang: string;
}

/**
 * Start the server, write `http://127.0.0.1:PORT/?token=TOKEN` and a newline to stdout, open it
 * with `xdg-open` (`open` on macOS) unless `args.open` is false — a failure to open is ignored,
 * the URL is printed — and resolve to 0 once SIGINT or SIGTERM has closed the server. Throws
 * `BitextError` (exit 2), one line, when the folder holds no pair, when it is one document folder
 * whose pair cannot be read (read before listening, as `build` reads it), or when the port cannot be used.
 */
export async function runReview(args: ReviewArgs, io: CliIo): Promise<number> {
  const server = await startReviewServer({ root: pathIn(io, args.dir), port: args.port, lang: args.uiLang });
  io.stdout.write(`${server.url}\n`);
  if (args.open) {
    const opener = spawn(process.platform === 'darwin' ? 'open' : 'xdg-open', [server.url], { stdio: 'ignore', detached: true });
    opener.on('error', () => {}); // no opener installed: the printed URL is enough
    opener.unref();
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
