/**
 * What a verb of the command line gets besides its arguments: the streams it writes to, the
 * folder relative paths are read from and the environment. The real `bitext` passes the process's
 * own (pipeline/cli/main.ts); tests pass captured streams and run verbs in-process
 * (test/helpers/cli.ts), so nothing here may reach for `process.stdout` or `process.cwd()` itself.
 */
import { isAbsolute, resolve } from 'node:path';

/** A stream a verb writes text to: `process.stdout` or anything with `write` (a test's capture). */
export interface OutputStream {
  write(text: string): unknown;
  /** True for a terminal: colour and the progress bar are shown only then. */
  isTTY?: boolean;
  /** Terminal width in characters (help text is wrapped to it). */
  columns?: number;
}

/** The streams and surroundings of one run of the command line. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /**
   * Folder that relative paths of the arguments are resolved against (messages then name the
   * resolved path). Unset: paths are used as written, relative to the process's working folder,
   * and messages name them as the user typed them.
   */
  cwd?: string;
  /** Environment read for `NO_COLOR`, `TERM` and `BITEXT_DEBUG`; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** `path` as the verb must open it: resolved against `io.cwd` when that is set and `path` is relative, else unchanged. */
export function pathIn(io: CliIo, path: string): string {
  return io.cwd === undefined || isAbsolute(path) ? path : resolve(io.cwd, path);
}

/** Whether to colour stdout: a terminal, `NO_COLOR` unset or empty, and `TERM` not `dumb` (https://no-color.org). */
export function useColor(io: CliIo): boolean {
  const env = io.env ?? process.env;
  return Boolean(io.stdout.isTTY) && !env.NO_COLOR && env.TERM !== 'dumb';
}
