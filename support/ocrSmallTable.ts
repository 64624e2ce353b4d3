/** The unit cell: a code and a name in one cell, which the PP-OCR path does not read as one run. */
export const OCR_SMALL_TABLE_UNIT_CELL = '205003 示范区园林管理处本级';

/**
 * Cells of fixtures/scanned/ocr-small-table.fodt as typed there: the text each OCR engine must read exactly from
 * the 300 dpi scan (ocr-small-table.scan300.pdf).
 */
export const OCR_SMALL_TABLE_CELLS = [
  '一级指标',
  '二级指标',
  '三级指标',
  '指标值',
  '指标值确定依据',
  '产出指标',
  '数量指标',
  '养护面积',
  '年度养护合同',
  '质量指标',
  '园林绿化养护技术标准和年度考核办法',
  '效益指标',
  OCR_SMALL_TABLE_UNIT_CELL,
];
