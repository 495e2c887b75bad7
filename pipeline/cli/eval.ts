/**
 * `bitext eval --gold DIR --test DIR`: strict and lax precision, recall and F1 of `NNN.align`
 * files (pipeline/align/eval.ts, vecalign's scorer).
 */
import { evaluateFolders, formatEvalTable } from '../align/index.ts';
import { pathIn, type CliIo } from './context.ts';

/** Arguments of `eval`. */
export interface EvalArgs {
  /** Folder of gold `NNN.align` files. */
  gold: string;
  /** Folder of test `NNN.align` files (same names). */
  test: string;
  /** Print the scores and counts as JSON. */
  json?: boolean;
}

/**
 * Score the test folder against the gold folder (`evaluateFolders`) and print a table, or JSON
 * with `json`. Resolves to 0; a missing or unreadable folder or file throws `BitextError` (exit 2).
 */
export async function runEval(args: EvalArgs, io: CliIo): Promise<number> {
  const result = evaluateFolders(pathIn(io, args.gold), pathIn(io, args.test));
  io.stdout.write(args.json ? JSON.stringify(result, null, 2) + '\n' : `${result.files.length} documents\n` + formatEvalTable(result));
  return 0;
}
