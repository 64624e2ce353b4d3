import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureOutputDir, pdfPathToOutputName } from '../outputPaths.js';
import { pdfFileToExtraction } from '../batch/extractFile.js';
import type { Extraction } from '../pipeline.js';
import type { OcrEngineName, OcrMode } from '../model/index.js';

export type InspectOptions = {
  /** Folder receiving the artefacts; out/inspect/<stem> by default. */
  outDir?: string;
  ocr?: OcrMode;
  /** Recogniser of Han text on OCR pages (paddle by default). */
  ocrEngine?: OcrEngineName;
  ocrWorkers?: number;
};

export type InspectResult = { outDir: string; files: string[]; extraction: Extraction; svgError: string | null };

export function defaultInspectDir(pdfPath: string): string {
  return join('out', 'inspect', pdfPathToOutputName(pdfPath));
}

/**
 * Runs the pipeline on one PDF, without a database, and writes every stage's artefact as JSON plus one SVG per page.
 */
export async function inspectPdf(pdfPath: string, options: InspectOptions = {}): Promise<InspectResult> {
  const outDir = options.outDir ?? defaultInspectDir(pdfPath);
  const { extraction } = await pdfFileToExtraction(pdfPath, options);

  await ensureOutputDir(outDir);
  const artefacts: [string, unknown][] = [
    ['loaded.json', extraction.loaded],
    ['page-texts.json', extraction.pageTexts],
    ['layouts.json', extraction.layouts],
    ['flow.json', extraction.flow],
    ['draft.json', extraction.draft],
    ['repaired-draft.json', extraction.repairedDraft],
    ['document.json', extraction.document],
  ];
  const files: string[] = [];
  for (const [name, value] of artefacts) {
    const path = join(outDir, name);
    await writeFile(path, `${JSON.stringify(value, null, 1)}\n`);
    files.push(path);
  }

  let svgError: string | null = null;
  try {
    const { flowToSpanParts, layoutToSvg } = await import('../stages/inspect/svg.js');
    const spanParts = flowToSpanParts(extraction.flow);
    for (const [index, layout] of extraction.layouts.entries()) {
      const pageText = extraction.pageTexts[index];
      const path = join(outDir, `page-${String(layout.pageNumber).padStart(3, '0')}.svg`);
      await writeFile(path, layoutToSvg(pageText, layout, spanParts.get(layout.pageNumber) ?? []));
      files.push(path);
    }
  } catch (error) {
    svgError = (error as Error).message;
  }
  return { outDir, files, extraction, svgError };
}

const pad = (value: string | number, width: number) => String(value).padStart(width);

/** A short report of what each stage saw: per page and per project. */
export function extractionToSummary(extraction: Extraction): string {
  const { document, layouts } = extraction;
  const out: string[] = [];
  out.push(
    `${document.sourcePath}  sha256 ${document.sha256.slice(0, 12)}…  ${document.pageCount} pages  text source: ${document.textSource}`,
    `title: ${document.title ?? '—'}  department: ${document.department ?? '—'}  year: ${document.fiscalYear ?? '—'}  draft: ${document.isDraft ? 'yes' : 'no'}`,
    `contents entries: ${document.toc.length}  goals: ${document.deptGoals.length}  measures: ${document.measures.length}  projects: ${document.projects.length}  repairs: ${document.repairs.length}  findings: ${document.findings.length}`,
    '',
    'page  source  tables  cells  lines  repairs  findings',
  );
  for (const layout of layouts) {
    const cells = layout.tables.reduce((sum, table) => sum + table.cells.length, 0);
    const repairs = document.repairs.filter((repair) => repair.pageNumber === layout.pageNumber).length;
    const findings = document.findings.filter((finding) => finding.pageNumber === layout.pageNumber).length;
    out.push(
      `${pad(layout.pageNumber, 4)}  ${layout.source.padEnd(6)}  ${pad(layout.tables.length, 6)}  ${pad(cells, 5)}  ${pad(layout.lines.length, 5)}  ${pad(repairs, 7)}  ${pad(findings, 8)}`,
    );
  }
  out.push('', ' seq  code                   check  pages    indicators  spend  repairs  findings  name');
  for (const project of document.projects) {
    const repairs = document.repairs.filter((repair) => repair.projectSeq === project.seq).length;
    const findings = document.findings.filter((finding) => finding.projectSeq === project.seq).length;
    const check = project.codeCheckOk === null ? '—' : project.codeCheckOk ? 'ok' : 'FAIL';
    const spend = project.spendPlan.at(-1)?.cumulativePct;
    out.push(
      `${pad(project.seq, 4)}  ${(project.code ?? '—').padEnd(21)}  ${check.padEnd(5)}  ${`${project.pageFirst}-${project.pageLast}`.padEnd(7)}  ${pad(project.indicators.length, 10)}  ${pad(spend === undefined ? '—' : `${spend}%`, 5)}  ${pad(repairs, 7)}  ${pad(findings, 8)}  ${project.name}`,
    );
  }
  if (document.findings.length > 0) {
    out.push('', 'findings:');
    for (const finding of document.findings) {
      const where = [
        finding.projectSeq === null ? null : `project ${finding.projectSeq}`,
        finding.pageNumber ? `page ${finding.pageNumber}` : null,
      ]
        .filter(Boolean)
        .join(', ');
      out.push(`  ${finding.severity.padEnd(7)} ${finding.rule}${where ? ` (${where})` : ''}: ${finding.message}`);
    }
  }
  return `${out.join('\n')}\n`;
}
