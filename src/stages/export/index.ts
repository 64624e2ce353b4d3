export {
  exportCsv,
  tableToCsv,
  tableColumns,
  sqlValueToCsvField,
  CONTRACT_TABLES,
  type ContractTable,
  type ExportCsvOptions,
} from './exportCsv.js';
export { exportXlsx, XLSX_FILE, FLAT_SHEET, type ExportXlsxOptions, type XlsxSheetSummary } from './exportXlsx.js';
export {
  exportFlatCsv,
  filterToDocumentIds,
  documentToNeedsReviewCount,
  targetToPrintedOp,
  databaseToFlatRows,
  yuanToWanDecimal,
  neutraliseFormula,
  flatHeaderRow,
  FLAT_COLUMNS,
  FLAT_CSV_FILE,
  LOW_CONFIDENCE_REPAIR_PCT,
  FlatCsvFilter,
  FlatHeaderLanguage,
  type FlatCsvOptions,
  type FlatRow,
} from './flatCsv.js';
