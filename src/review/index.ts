export {
  reviewPdf,
  pdfToPageImages,
  defaultReviewDir,
  REVIEW_RENDER_DPI,
  type ReviewOptions,
  type ReviewResult,
} from './reviewPdf.js';
export {
  extractionToReviewHtml,
  cellToRepairs,
  deptTargetToRecord,
  LOW_CELL_CONFIDENCE_PCT,
  type PageImageUri,
} from './reviewHtml.js';
