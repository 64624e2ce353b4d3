export {
  queryDatabase,
  runReadonlyQuery,
  withReadonlyDatabase,
  resultToTable,
  resultToCsv,
  resultToJson,
  displayWidth,
  truncateToWidth,
  QueryFormat,
  MAX_CELL_WIDTH_COLUMNS,
  type QueryResult,
  type QueryValue,
} from './runQuery.js';
