/**
 * Findings about how the pages were read, before any table is built: blank pages not rendered nor
 * OCR'd, pages rendered below the OCR resolution because of the pixel budget, scanned pages turned by 180°,
 * embedded images too large to decode. Pure: decided from the loaded pages and the page texts.
 */
import type { Finding, LoadedPdf, PageText } from '../../model/index.js';
import { pageToRenderDpi, RENDER_MAX_PIXELS } from '../load/canvas.js';
import { IMAGE_MAX_PIXELS } from '../load/imageBudget.js';
import { RENDER_DPI } from '../ocr/pageImage.js';
import { isBlankPage } from './blankPage.js';

const MEGA = 1_000_000;

/** Page numbers as ranges: [1,2,3,5] → `1–3、5`. */
export function pageNumbersToRanges(pageNumbers: number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < pageNumbers.length; i++) {
    let j = i;
    while (j + 1 < pageNumbers.length && pageNumbers[j + 1] === pageNumbers[j] + 1) j++;
    ranges.push(j === i ? String(pageNumbers[i]) : `${pageNumbers[i]}–${pageNumbers[j]}`);
    i = j;
  }
  return ranges.join('、');
}

/**
 * `blank_pages` (once per document), `render_downscaled` (per page), `page_turned` (per page read upside down and
 * turned), `image_over_budget` (once per document).
 */
export function loadedToReadFindings(loaded: LoadedPdf, pageTexts: PageText[]): Finding[] {
  const findings: Finding[] = [];
  const ocrPages = loaded.pages.filter((_page, i) => pageTexts[i]?.source === 'ocr');
  const blank = ocrPages.filter(isBlankPage).map((page) => page.pageNumber);
  if (blank.length > 0) {
    findings.push({
      projectSeq: null,
      severity: 'info',
      rule: 'blank_pages',
      message: `${blank.length} 页空白（无文字、图像、线条），未渲染、未做 OCR：第 ${pageNumbersToRanges(blank)} 页`,
      pageNumber: blank[0],
    });
  }
  for (const page of ocrPages) {
    if (isBlankPage(page)) continue;
    const dpi = pageToRenderDpi(page.widthPt, page.heightPt, RENDER_DPI);
    if (dpi >= RENDER_DPI) continue;
    findings.push({
      projectSeq: null,
      severity: 'warning',
      rule: 'render_downscaled',
      message: `第 ${page.pageNumber} 页 ${Math.round(page.widthPt)}×${Math.round(page.heightPt)} pt，渲染像素上限 ${RENDER_MAX_PIXELS / MEGA} Mpx，按 ${Math.floor(dpi)} dpi（而非 ${RENDER_DPI} dpi）渲染做 OCR，文字可能读不全`,
      pageNumber: page.pageNumber,
    });
  }
  for (const pageText of pageTexts) {
    const vote = pageText?.orientation;
    if (vote?.turnedDeg !== 180) continue;
    findings.push({
      projectSeq: null,
      severity: 'info',
      rule: 'page_turned',
      message: `第 ${pageText.pageNumber} 页倒置扫描：${vote.votingLineCount}/${vote.lineCount} 行文字方向判为 180°（加权占比 ${Math.round(vote.turnedShare * 100)}%），已将页面旋转 180° 后识别`,
      pageNumber: pageText.pageNumber,
    });
  }
  const oversized = loaded.oversizedImages ?? [];
  if (oversized.length > 0) {
    const largest = oversized.reduce((a, b) => (b.widthPx * b.heightPx > a.widthPx * a.heightPx ? b : a));
    findings.push({
      projectSeq: null,
      severity: 'warning',
      rule: 'image_over_budget',
      message: `${oversized.length} 幅嵌入图像超过解码上限 ${IMAGE_MAX_PIXELS / MEGA} Mpx（最大 ${largest.widthPx}×${largest.heightPx} px，${Math.round((largest.widthPx * largest.heightPx) / MEGA)} Mpx），未解码：显示它们的页面按没有该图像读取`,
      pageNumber: null,
    });
  }
  return findings;
}
