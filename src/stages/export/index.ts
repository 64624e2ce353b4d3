export { exportCsv, tableToCsv, tableColumns, sqlValueToCsvField, CONTRACT_TABLES, type ContractTable, type ExportCsvOptions } from './exportCsv.js';
