/**
 * The CLI in a process of its own, measured: `node --import tsx tests/support/measuredCli.ts <argv…>` runs
 * `runCli(argv)` and prints, as its last stdout line, `{"exitCode", "peakRssMb", "seconds"}` (peak RSS of the
 * whole process, worker threads included, from getrusage). Used by tests that bound a command's memory and time.
 */
import { runCli } from '../../src/cli/main.js';

const started = process.hrtime.bigint();
const exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTty: false,
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(
  `\n${JSON.stringify({ exitCode, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), seconds })}\n`,
);
process.exit(exitCode);
