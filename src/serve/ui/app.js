// budgetpdf serve: the document list (#/) and the document view (#/doc/<id>). Plain ES module, no build step.
import { getJson, send } from './api.js';
import { clear, el, svg } from './dom.js';

const app = document.getElementById('app');
const reviewerInput = document.getElementById('reviewer');
reviewerInput.value = localStorage.getItem('budgetpdf.reviewer') || '';
reviewerInput.addEventListener('change', () => localStorage.setItem('budgetpdf.reviewer', reviewerInput.value.trim()));

const STATUS_LABELS = { unreviewed: '未审核', in_review: '审核中', signed_off: '已签核' };
const FIELD_LABELS = {
  title: '文档标题',
  department: '部门',
  fiscal_year: '年度',
  code: '项目编码',
  name: '项目名称',
  unit_code: '单位编码',
  unit_name: '单位名称',
  budget_total_yuan: '预算数（元）',
  budget_fiscal_yuan: '财政资金（元）',
  budget_other_yuan: '其他资金（元）',
  fund_use: '资金用途',
  goal: '项目目标',
  level1: '一级指标',
  level2: '二级指标',
  level3: '三级指标',
  description: '指标描述',
  target_text: '指标值',
  target_op: '比较',
  target_value: '数值',
  target_unit: '单位',
  basis: '确定依据',
};
const PROJECT_FIELDS = [
  'code',
  'name',
  'unit_code',
  'unit_name',
  'budget_total_yuan',
  'budget_fiscal_yuan',
  'budget_other_yuan',
  'fund_use',
  'goal',
];
const INDICATOR_FIELDS = [
  'level1',
  'level2',
  'level3',
  'target_text',
  'target_op',
  'target_value',
  'target_unit',
  'basis',
];
const DOCUMENT_FIELDS = ['title', 'department', 'fiscal_year'];
/** A 部门整体支出绩效目标表's fields, shown read-only (corrections are keyed by project and indicator). */
const DEPT_TARGET_LABELS = {
  dept_name: '部门（单位）名称',
  competent_dept: '主管部门',
  competent_dept_code: '主管部门代码',
  budget_total_yuan: '资金总额（元）',
  budget_fiscal_yuan: '财政拨款（元）',
  budget_other_yuan: '其他资金（元）',
  budget_carryover_yuan: '上年结转资金（元）',
  budget_basic_yuan: '基本支出（元）',
  budget_projects_yuan: '项目支出（元）',
  duties: '部门职能',
  goal: '年度总体目标',
  goal_mid_term: '中长期目标',
  weight_total: '分值合计',
};
const DEPT_INDICATOR_FIELDS = ['level1', 'level2', 'level3', 'target_text', 'basis', 'weight'];
const DEPT_INDICATOR_LABELS = { ...FIELD_LABELS, weight: '分值' };

function reviewer() {
  const name = reviewerInput.value.trim();
  if (!name) {
    reviewerInput.focus();
    throw new Error('请先填写审核人姓名 (reviewer name needed)');
  }
  localStorage.setItem('budgetpdf.reviewer', name);
  return name;
}

const show = (value) => (value === null || value === undefined || value === '' ? '—' : String(value));

function message(text, kind = 'error') {
  const box = el('div', { class: `message ${kind}`, role: 'status' }, text);
  document.body.append(box);
  setTimeout(() => box.remove(), 5000);
}

// ───────────── document list ─────────────

const listFilter = { year: '', department: '', template: '', status: '', q: '' };

async function renderList() {
  const query = new URLSearchParams(Object.entries(listFilter).filter(([, value]) => value !== ''));
  const data = await getJson(`/api/documents?${query}`);
  clear(app);
  const select = (name, label, options, labelOf = (value) => value) =>
    el(
      'label',
      {},
      `${label} `,
      el(
        'select',
        {
          name,
          on: {
            change: (event) => {
              listFilter[name] = event.target.value;
              renderList().catch((error) => message(error.message));
            },
          },
        },
        el('option', { value: '' }, '全部'),
        options.map((value) => el('option', { value, selected: String(value) === listFilter[name] }, labelOf(value))),
      ),
    );
  const search = el('input', { name: 'q', value: listFilter.q, placeholder: '标题/部门/路径' });
  search.addEventListener('change', () => {
    listFilter.q = search.value;
    renderList().catch((error) => message(error.message));
  });
  app.append(
    el(
      'form',
      { class: 'filters', on: { submit: (event) => event.preventDefault() } },
      select('year', '年度', data.years),
      select('department', '部门', data.departments),
      data.templates.length > 0 ? select('template', '模板', data.templates) : null,
      select('status', '状态', Object.keys(STATUS_LABELS), (value) => STATUS_LABELS[value]),
      el('label', {}, '搜索 ', search),
      el('span', { class: 'count' }, `${data.documents.length} 份文档`),
    ),
  );
  const rows = data.documents.map((doc, rank) =>
    el(
      'tr',
      { class: `doc-row status-${doc.reviewStatus}`, 'data-id': doc.id },
      el('td', {}, rank + 1),
      el(
        'td',
        {},
        el('a', { class: 'doc-link', href: `#/doc/${doc.id}` }, show(doc.title ?? doc.sourcePath)),
        doc.deptTargetCount > 0 ? el('span', { class: 'dept-count' }, ` · 部门整体表 ${doc.deptTargetCount}`) : null,
      ),
      el('td', {}, show(doc.department)),
      el('td', {}, show(doc.fiscalYear)),
      el('td', { class: 'num score' }, doc.score),
      el('td', { class: 'num' }, doc.errors),
      el('td', { class: 'num' }, doc.warnings),
      el('td', { class: 'num' }, doc.partsMismatch),
      el('td', { class: 'num' }, doc.lowConfidence),
      el('td', { class: 'num' }, doc.unknownLabels),
      el('td', { class: 'num' }, doc.corrections),
      el('td', { class: 'status' }, STATUS_LABELS[doc.reviewStatus], doc.reviewer ? ` · ${doc.reviewer}` : ''),
    ),
  );
  app.append(
    el(
      'table',
      { class: 'documents' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          [
            '#',
            '文档',
            '部门',
            '年度',
            '待核分',
            '错误',
            '警告',
            '合计不符',
            'OCR低置信',
            '未知标签',
            '更正',
            '状态',
          ].map((head) => el('th', {}, head)),
        ),
      ),
      el('tbody', {}, rows),
    ),
  );
}

// ───────────── document view ─────────────

let current = null; // { id, view, cells, selected }

const keyOf = (projectSeq, indicatorSeq, field) =>
  projectSeq === null
    ? `d.${field}`
    : indicatorSeq === null
      ? `p${projectSeq}.${field}`
      : `p${projectSeq}.i${indicatorSeq}.${field}`;

function fieldSpan(record, projectSeq, indicatorSeq, field) {
  const key = keyOf(projectSeq, indicatorSeq, field);
  const correction = record.corrections[field];
  const span = el(
    'span',
    {
      class: `field${correction ? ' corrected' : ''}`,
      tabindex: 0,
      'data-field': key,
      title: correction
        ? `已更正：${show(correction.before)} → ${show(correction.after)}（${correction.author}，${correction.correctedAt}）${correction.note ? `\n${correction.note}` : ''}`
        : FIELD_LABELS[field],
      on: {
        click: () => selectField({ key, record, projectSeq, indicatorSeq, field }),
        keydown: (event) => {
          if (event.key === 'Enter') selectField({ key, record, projectSeq, indicatorSeq, field });
        },
      },
    },
    correction ? el('del', { class: 'before' }, show(correction.before)) : null,
    el('span', { class: 'value' }, show(record.values[field])),
  );
  return span;
}

function selectField(target, fromCell = false) {
  for (const node of document.querySelectorAll('.selected')) node.classList.remove('selected');
  const span = document.querySelector(`[data-field="${CSS.escape(target.key)}"]`);
  span?.classList.add('selected');
  const cell = current.cells?.fieldCells?.[target.key];
  if (cell) {
    const rect = document.querySelector(`rect.cell[data-cell="${CSS.escape(cell)}"]`);
    rect?.classList.add('selected');
    if (!fromCell) rect?.scrollIntoView({ block: 'center', inline: 'nearest' });
  }
  if (fromCell) span?.scrollIntoView({ block: 'center' });
  openEditor(target, cell);
}

function openEditor(target, cell) {
  const editor = document.getElementById('editor');
  clear(editor);
  const correction = target.record.corrections[target.field];
  const input = el('input', { id: 'edit-value', value: target.record.values[target.field] ?? '' });
  const note = el('input', { id: 'edit-note', placeholder: '备注 (note)', value: correction?.note ?? '' });
  const save = async () => {
    try {
      await send('POST', '/api/corrections', {
        documentId: current.id,
        projectSeq: target.projectSeq,
        indicatorSeq: target.indicatorSeq,
        field: target.field,
        value: input.value,
        author: reviewer(),
        note: note.value || null,
      });
      message('已保存更正', 'ok');
      await renderDocument(current.id, target.key);
    } catch (error) {
      message(error.message);
    }
  };
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') save();
  });
  editor.append(
    el(
      'div',
      {},
      el('h3', {}, `${FIELD_LABELS[target.field] ?? target.field}`, el('code', {}, ` ${target.key}`)),
      el('div', { class: 'where' }, cell ? `页面单元格 ${cell}` : '页面上未找到对应单元格'),
      correction
        ? el(
            'div',
            { class: 'was' },
            '提取值：',
            el('del', {}, show(correction.before)),
            ` → ${show(correction.after)}（${correction.author}）`,
          )
        : null,
      el('label', {}, '值 ', input),
      el('label', {}, '备注 ', note),
      el('button', { id: 'edit-save', type: 'button', on: { click: save } }, '保存更正'),
      correction
        ? el(
            'button',
            {
              id: 'edit-revert',
              type: 'button',
              on: {
                click: async () => {
                  try {
                    await send('DELETE', `/api/corrections/${correction.id}`);
                    await renderDocument(current.id, target.key);
                  } catch (error) {
                    message(error.message);
                  }
                },
              },
            },
            '恢复提取值',
          )
        : null,
    ),
  );
  editor.hidden = false;
  input.focus();
}

function pageView(page, view) {
  const wrap = el('div', {
    class: 'page-view',
    id: `page-${page.pageNumber}`,
    'data-page': page.pageNumber,
    style: null,
  });
  wrap.append(
    el('img', {
      alt: `第 ${page.pageNumber} 页`,
      loading: 'lazy',
      src: `/api/documents/${view.document.id}/pages/${page.pageNumber}`,
    }),
  );
  const overlay = svg('svg', {
    class: 'overlay',
    viewBox: `0 0 ${page.widthPt} ${page.heightPt}`,
    preserveAspectRatio: 'none',
  });
  const fieldsOfCell = new Map();
  for (const [key, cell] of Object.entries(current.cells?.fieldCells ?? {})) {
    if (!fieldsOfCell.has(cell)) fieldsOfCell.set(cell, []);
    fieldsOfCell.get(cell).push(key);
  }
  for (const cell of page.cells) {
    const keys = fieldsOfCell.get(cell.id) ?? [];
    const classes = ['cell', page.source === 'ocr' ? 'src-ocr' : 'src-text'];
    if (cell.confidence !== null && cell.confidence < 80) classes.push('conf-low');
    if (keys.length > 0) classes.push('linked');
    const rect = svg(
      'rect',
      {
        class: classes.join(' '),
        'data-cell': cell.id,
        x: cell.x0,
        y: cell.top,
        width: cell.x1 - cell.x0,
        height: cell.bottom - cell.top,
      },
      svg('title', {}, `${cell.text}${cell.confidence !== null ? `\nOCR ${Math.round(cell.confidence)}` : ''}`),
    );
    rect.addEventListener('click', () => {
      const key = keys[0];
      if (!key) return;
      const target = fieldTargets.get(key);
      if (target) selectField(target, true);
    });
    overlay.append(rect);
  }
  view.findings.forEach((finding, index) => {
    if (finding.page !== page.pageNumber) return;
    overlay.append(
      svg(
        'circle',
        {
          class: `finding-marker ${finding.severity}`,
          id: `marker-${finding.id}`,
          cx: page.widthPt - 20,
          cy: 10 + index * 15,
          r: 5,
        },
        svg('title', {}, `${finding.rule}: ${finding.message}`),
      ),
    );
  });
  wrap.append(overlay);
  wrap.style.aspectRatio = `${page.widthPt} / ${page.heightPt}`;
  return wrap;
}

const fieldTargets = new Map();

function recordTable(record, projectSeq, indicatorSeq, fields) {
  return el(
    'dl',
    {},
    fields.flatMap((field) => {
      fieldTargets.set(keyOf(projectSeq, indicatorSeq, field), {
        key: keyOf(projectSeq, indicatorSeq, field),
        record,
        projectSeq,
        indicatorSeq,
        field,
      });
      return [el('dt', {}, FIELD_LABELS[field]), el('dd', {}, fieldSpan(record, projectSeq, indicatorSeq, field))];
    }),
  );
}

function projectSection(project, view) {
  const findings = view.findings.filter((finding) => finding.projectSeq === project.seq);
  return el(
    'section',
    { class: 'record project', 'data-project': project.seq, id: `project-${project.seq}` },
    el(
      'h4',
      {},
      `${project.seq}. `,
      el('span', { class: 'name' }, show(project.values.name)),
      ` · 第 ${project.pageFirst}–${project.pageLast} 页`,
    ),
    findings.length > 0
      ? el(
          'ul',
          { class: 'findings' },
          findings.map((finding) => el('li', { class: finding.severity }, `${finding.rule}: `, finding.message)),
        )
      : null,
    recordTable(project, project.seq, null, PROJECT_FIELDS),
    el(
      'div',
      { class: 'spend' },
      '资金支出计划：',
      project.spendPlan.length
        ? project.spendPlan.map((spend) => `${spend.month}月底 ${spend.cumulativePct}%`).join('，')
        : '—',
    ),
    el(
      'table',
      { class: 'indicators' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', {}, '#'),
          INDICATOR_FIELDS.map((field) => el('th', {}, FIELD_LABELS[field])),
          el('th', {}, ''),
        ),
      ),
      el(
        'tbody',
        {},
        project.indicators.map((indicator) =>
          el(
            'tr',
            { class: `indicator row-${indicator.row}`, 'data-indicator': indicator.seq },
            el(
              'td',
              {},
              el(
                'a',
                { href: `#page-${indicator.page}`, class: 'page-link', 'data-page': indicator.page },
                indicator.seq,
              ),
            ),
            INDICATOR_FIELDS.map((field) => {
              fieldTargets.set(keyOf(project.seq, indicator.seq, field), {
                key: keyOf(project.seq, indicator.seq, field),
                record: indicator,
                projectSeq: project.seq,
                indicatorSeq: indicator.seq,
                field,
              });
              return el('td', {}, fieldSpan(indicator, project.seq, indicator.seq, field));
            }),
            el('td', {}, rowButton(project, indicator)),
          ),
        ),
      ),
    ),
    el('button', { type: 'button', class: 'add-row', on: { click: () => openAddRow(project) } }, '新增指标行'),
  );
}

/** A 部门整体支出绩效目标表, read-only: its fields, 年度主要任务 and indicators with 分值, each row linked to its page. */
function deptTargetSection(table) {
  const fields = Object.keys(DEPT_TARGET_LABELS).filter((field) => table.values[field] !== null);
  return el(
    'section',
    { class: 'record dept-target', 'data-dept-target': table.seq, id: `dept-target-${table.seq}` },
    el(
      'h4',
      {},
      `部门整体表 ${table.seq}. `,
      el('span', { class: 'name' }, show(table.values.dept_name ?? table.tableTitle)),
      ' · ',
      el(
        'a',
        { href: `#page-${table.pageFirst}`, class: 'page-link', 'data-page': table.pageFirst },
        `第 ${table.pageFirst}–${table.pageLast} 页`,
      ),
    ),
    el('div', { class: 'read-only' }, `${table.tableTitle} · 只读（部门整体表暂不支持更正）`),
    el(
      'dl',
      {},
      fields.flatMap((field) => [
        el('dt', {}, DEPT_TARGET_LABELS[field]),
        el('dd', { 'data-field': field }, show(table.values[field])),
      ]),
    ),
    table.tasks.length > 0
      ? el(
          'table',
          { class: 'tasks' },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ['#', '年度主要任务', '主要内容', '预算金额（元）'].map((head) => el('th', {}, head)),
            ),
          ),
          el(
            'tbody',
            {},
            table.tasks.map((task) =>
              el(
                'tr',
                { class: 'task' },
                el('td', {}, task.seq),
                el('td', {}, task.name),
                el('td', {}, show(task.content)),
                el('td', { class: 'num' }, show(task.budgetYuan)),
              ),
            ),
          ),
        )
      : null,
    el(
      'table',
      { class: 'indicators' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', {}, '#'),
          DEPT_INDICATOR_FIELDS.map((field) => el('th', {}, DEPT_INDICATOR_LABELS[field])),
        ),
      ),
      el(
        'tbody',
        {},
        table.indicators.map((indicator) =>
          el(
            'tr',
            { class: 'indicator', 'data-indicator': indicator.seq },
            el(
              'td',
              {},
              el(
                'a',
                { href: `#page-${indicator.page}`, class: 'page-link', 'data-page': indicator.page },
                indicator.seq,
              ),
            ),
            DEPT_INDICATOR_FIELDS.map((field) =>
              el('td', { class: field === 'weight' ? 'num weight' : null }, show(indicator.values[field])),
            ),
          ),
        ),
      ),
    ),
  );
}

async function writeAndRefresh(method, path, body) {
  try {
    await send(method, path, body);
    await renderDocument(current.id);
  } catch (error) {
    message(error.message);
  }
}

/** Remove an extracted row, restore a removed one, or undo an added one. */
function rowButton(project, indicator) {
  if (indicator.row === 'extracted')
    return el(
      'button',
      {
        type: 'button',
        class: 'remove-row',
        title: '删除此行（导出时不含此行）',
        on: {
          click: () => {
            let author;
            try {
              author = reviewer();
            } catch (error) {
              message(error.message);
              return;
            }
            writeAndRefresh('POST', '/api/corrections', {
              documentId: current.id,
              projectSeq: project.seq,
              indicatorSeq: indicator.seq,
              field: '_row',
              value: 'removed',
              author,
              note: null,
            });
          },
        },
      },
      '删除行',
    );
  return el(
    'button',
    {
      type: 'button',
      class: 'restore-row',
      on: { click: () => writeAndRefresh('DELETE', `/api/corrections/${indicator.rowCorrectionId}`) },
    },
    indicator.row === 'removed' ? '恢复行' : '撤销新增',
  );
}

function openAddRow(project) {
  const editor = document.getElementById('editor');
  clear(editor);
  const fields = ['level1', 'level2', 'level3', 'description', 'target_text', 'basis'];
  const inputs = Object.fromEntries(fields.map((field) => [field, el('input', { 'data-add': field })]));
  const save = async () => {
    try {
      const values = Object.fromEntries(fields.map((field) => [field, inputs[field].value || null]));
      await send('POST', '/api/indicators', {
        documentId: current.id,
        projectSeq: project.seq,
        values,
        author: reviewer(),
      });
      message('已新增指标行', 'ok');
      await renderDocument(current.id);
    } catch (error) {
      message(error.message);
    }
  };
  editor.append(
    el(
      'div',
      {},
      el('h3', {}, `项目 ${project.seq}：新增指标行`),
      fields.map((field) => el('label', {}, `${FIELD_LABELS[field]} `, inputs[field])),
      el('button', { type: 'button', id: 'add-row-save', on: { click: save } }, '保存新增行'),
    ),
  );
  editor.hidden = false;
  inputs.level1.focus();
}

function reviewBar(view) {
  const setStatus = async (status) => {
    try {
      await send('POST', `/api/documents/${view.document.id}/review`, { status, reviewer: reviewer(), note: null });
      await renderDocument(view.document.id);
    } catch (error) {
      message(error.message);
    }
  };
  const signoff = view.review.signoff;
  return el(
    'div',
    { class: `review-bar status-${view.review.status}` },
    el('span', { id: 'review-status' }, STATUS_LABELS[view.review.status]),
    signoff ? ` · ${signoff.reviewer} · ${signoff.signedAt}` : '',
    el('button', { type: 'button', id: 'mark-in-review', on: { click: () => setStatus('in_review') } }, '标为审核中'),
    el('button', { type: 'button', id: 'sign-off', on: { click: () => setStatus('signed_off') } }, '签核 (sign off)'),
    el('button', { type: 'button', id: 'reset-review', on: { click: () => setStatus('unreviewed') } }, '重置'),
  );
}

async function renderDocument(id, reselect = null) {
  const view = await getJson(`/api/documents/${id}`);
  current = { id, view, cells: current?.id === id ? current.cells : null };
  fieldTargets.clear();
  clear(app);
  const doc = view.document;
  const fileBanner =
    view.file.state === 'ok'
      ? el('div', { class: 'file-status ok' }, `源文件：${view.file.path}`)
      : el('div', { class: 'file-status problem', role: 'alert' }, `无法显示页面：${view.file.message}`);
  const pages = el('div', { class: 'pages', id: 'pages' });
  const corrections = view.corrections.filter((correction) => correction.status !== 'applied');
  app.append(
    el(
      'div',
      { class: 'doc-head' },
      el('h1', {}, show(doc.values.title ?? doc.sourcePath)),
      recordTable(doc, null, null, DOCUMENT_FIELDS),
      el(
        'div',
        { class: 'meta' },
        `${doc.pageCount} 页 · 文本来源 ${doc.textSource} · sha256 ${doc.sha256.slice(0, 12)}… · 导入 ${doc.importedAt}`,
      ),
      fileBanner,
      reviewBar(view),
      corrections.length > 0
        ? el(
            'ul',
            { class: 'stale-corrections' },
            corrections.map((correction) =>
              el(
                'li',
                {},
                `更正未应用（${correction.status}）：项目 ${show(correction.projectSeq)} 指标 ${show(correction.indicatorSeq)} ${correction.field}：${show(correction.before)} → ${show(correction.after)}，现提取值 ${show(correction.extracted)}`,
              ),
            ),
          )
        : null,
    ),
    el(
      'div',
      { class: 'workspace' },
      pages,
      el(
        'div',
        { class: 'side' },
        el('h2', {}, `待核查 ${view.findings.length}`),
        el(
          'ol',
          { class: 'findings' },
          view.findings.map((finding) => {
            const page =
              finding.page ?? view.projects.find((project) => project.seq === finding.projectSeq)?.pageFirst ?? null;
            return el(
              'li',
              { class: `finding ${finding.severity}`, 'data-page': page ?? '' },
              `${finding.severity} `,
              el('code', {}, finding.rule),
              finding.projectSeq === null ? '' : ` 项目 ${finding.projectSeq}`,
              `: ${finding.message} `,
              page === null
                ? null
                : el('a', { href: `#page-${page}`, class: 'page-link', 'data-page': page }, `第 ${page} 页`),
            );
          }),
        ),
        view.repairs.length > 0
          ? el(
              'details',
              { class: 'repairs' },
              el('summary', {}, `${view.repairs.length} 处修复`),
              el(
                'table',
                {},
                view.repairs.map((repair) =>
                  el(
                    'tr',
                    { class: 'repair' },
                    el('td', {}, repair.kind),
                    el('td', {}, repair.field),
                    el('td', { class: 'before' }, repair.before),
                    el('td', { class: 'after' }, repair.after),
                    el(
                      'td',
                      {},
                      repair.page === null
                        ? ''
                        : el(
                            'a',
                            { href: `#page-${repair.page}`, class: 'page-link', 'data-page': repair.page },
                            `p${repair.page}`,
                          ),
                    ),
                  ),
                ),
              ),
            )
          : null,
        (view.deptTargets ?? []).map((table) => deptTargetSection(table)),
        view.projects.map((project) => projectSection(project, view)),
      ),
    ),
    el('aside', { id: 'editor', hidden: true }),
  );
  for (const link of app.querySelectorAll('a.page-link')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      document.getElementById(`page-${link.dataset.page}`)?.scrollIntoView({ block: 'start' });
    });
  }
  if (view.file.state !== 'ok') return;
  if (!current.cells) {
    pages.append(el('div', { class: 'loading' }, '正在读取页面与单元格…'));
    try {
      current.cells = await getJson(`/api/documents/${id}/cells`);
    } catch (error) {
      clear(pages).append(el('div', { class: 'file-status problem' }, error.message));
      return;
    }
  }
  if (current.id !== id) return;
  clear(pages);
  for (const page of current.cells.pages) pages.append(pageView(page, view));
  document.body.dataset.cellsReady = 'true';
  if (reselect && fieldTargets.has(reselect)) selectField(fieldTargets.get(reselect));
}

// ───────────── routing ─────────────

async function route() {
  const match = /^#\/doc\/(\d+)$/.exec(location.hash);
  document.body.dataset.cellsReady = 'false';
  try {
    if (match) await renderDocument(Number(match[1]));
    else {
      current = null;
      await renderList();
    }
  } catch (error) {
    clear(app).append(el('div', { class: 'file-status problem' }, error.message));
  }
}

window.addEventListener('hashchange', route);
route();
