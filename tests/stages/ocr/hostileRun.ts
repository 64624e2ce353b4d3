/**
 * Run in a child process by hostilePages.test.ts: `tsx hostileRun.ts extract|review <pdf> [outDir]`.
 * Prints one JSON line: the outcome (page sources, findings, or the error's code) with the
 * process's peak RSS (VmHWM, native memory included) and wall time.
 */
import { readFileSync } from 'node:fs';
import { pdfFileToExtraction } from '../../../src/batch/extractFile.js';
import { reviewPdf } from '../../../src/review/reviewPdf.js';

function peakRssMb(): number {
  const match = /VmHWM:\s+(\d+) kB/u.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

const [command, pdfPath, outDir] = process.argv.slice(2);
const started = performance.now();
let outcome: Record<string, unknown>;
try {
  const extraction =
    command === 'review'
      ? (await reviewPdf(pdfPath, { outDir, ocrWorkers: 1 })).extraction
      : (await pdfFileToExtraction(pdfPath, { ocrWorkers: 1 })).extraction;
  outcome = {
    ok: true,
    pageSources: [...new Set(extraction.pageTexts.map((page) => page.source))],
    runCount: extraction.pageTexts.reduce((n, page) => n + page.runs.length, 0),
    findings: extraction.document.findings.map(({ rule, severity, message, pageNumber }) => ({
      rule,
      severity,
      message,
      pageNumber,
    })),
  };
} catch (error) {
  outcome = {
    ok: false,
    code: (error as { code?: string }).code ?? 'unexpected',
    message: String((error as Error)?.message ?? error),
  };
}
console.log(
  JSON.stringify({
    ...outcome,
    peakRssMb: Math.round(peakRssMb()),
    seconds: Math.round((performance.now() - started) / 100) / 10,
  }),
);
process.exit(0);
