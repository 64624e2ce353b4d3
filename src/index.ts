/** The library API: what `import … from 'budgetpdf'` offers. The CLI is built on the same functions. */
export {
  extractPdf,
  pdfToPageTexts,
  pageTextsToExtraction,
  sha256Hex,
  PIPELINE_VERSION,
  type Extraction,
  type ExtractOptions,
  type ReadPdf,
} from './pipeline.js';
export {
  importPdfs,
  inputsToPdfPaths,
  DEFAULT_DB_PATH,
  ImportResult,
  ImportStatus,
  ImportErrorCode,
  type ImportOptions,
  type ImportProgress,
} from './batch/importPdfs.js';
export {
  openDatabase,
  withDatabase,
  migrateDatabase,
  storeDocument,
  findDocumentBySha,
  type Db,
  type OpenDatabaseOptions,
  type StoreResult,
  type StoreStatus,
  type StoreOptions,
} from './stages/store/index.js';
export {
  exportCsv,
  exportFlatCsv,
  exportXlsx,
  filterToDocumentIds,
  CONTRACT_TABLES,
  type ExportCsvOptions,
  type FlatCsvOptions,
  type ExportXlsxOptions,
} from './stages/export/index.js';
export { BudgetPdfError, isBudgetPdfError, BudgetPdfErrorCode } from './errors.js';
export * from './model/index.js';
export { rebuildProjectLinks, decideProjectLink, type LinkCounts } from './stages/store/projectLinks.js';
export { databaseToCompareReport, CompareReport, type CompareOptions } from './history/compare.js';
export { compareReportToCsv, compareReportToHtml, compareReportToText } from './history/compareReport.js';
