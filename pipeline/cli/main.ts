/**
 * The `bitext` executable (`npm start`, `npm run bitext`, the package's `bin`, compiled to
 * dist/main.js): runs the command line (pipeline/cli/index.ts) on this process's arguments and
 * streams and sets the exit code.
 */
import { run } from './index.ts';

// A reader that stops early (`bitext … | head`) is not an error: end quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
