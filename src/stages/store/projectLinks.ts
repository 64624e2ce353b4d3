/**
 * Stores the project links of issue 19 (tables of migrationProjectLinks.ts): recomputes the linker's links after an
 * import, keeps a person's decisions, records them.
 *
 * Which documents are paired: every copy of a document (v_documents: same department, year and title — a draft and
 * its final, a scan and a text rendering) with its counted copy (`latest`), kind `version`; and each counted document
 * of a department with the counted documents of the department's previous year on record, kind `year`.
 */
import { documentsToProjectLinks, indicatorsToPairs } from '../../history/linkProjects.js';
import {
  ACCEPTED_STATUSES,
  type LinkDocument,
  type LinkIndicator,
  type LinkKind,
  type LinkProject,
  type LinkStatus,
  type ProposedLink,
  HistoryError,
} from '../../history/model.js';
import { databaseError, type Db } from './database.js';
import { sameDocumentKeySql } from './migrationDocumentVersions.js';

export type LinkCounts = Record<LinkStatus, number>;

export type StoredLink = {
  id: number;
  kind: LinkKind;
  fromSha256: string;
  fromProjectSeq: number;
  toSha256: string;
  toProjectSeq: number;
  method: 'code' | 'name';
  score: number;
  status: LinkStatus;
  decidedBy: string | null;
  decidedAt: string | null;
};

const linkKey = (fromSha: string, fromSeq: number, toSha: string, toSeq: number) =>
  `${fromSha}:${fromSeq}>${toSha}:${toSeq}`;

/** Whether the database has the tables of the project-links migration (an older schema has not). */
export function hasProjectLinkTables(db: Db): boolean {
  return (
    db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'project_links'").pluck().get() === 1
  );
}

/** Departments compared as the same: spaces removed. */
const departmentKey = (department: string) => department.replace(/[\s\u3000]+/g, '');

function databaseToLinkDocuments(db: Db): LinkDocument[] {
  const rows = db
    .prepare(
      `SELECT d.id, d.sha256, d.department, d.fiscal_year AS fiscalYear, ${sameDocumentKeySql('d')} AS sameKey,
         v.latest
       FROM documents d JOIN v_documents v ON v.document_id = d.id ORDER BY d.id`,
    )
    .all() as (Omit<LinkDocument, 'latest'> & { latest: number })[];
  return rows.map((row) => ({ ...row, latest: row.latest === 1 }));
}

/** The pairs of documents to link: [earlier or copy, later or counted, kind]. */
export function linkDocumentsToPairs(documents: LinkDocument[]): [LinkDocument, LinkDocument, LinkKind][] {
  const pairs: [LinkDocument, LinkDocument, LinkKind][] = [];
  const latestByKey = new Map<string, LinkDocument>();
  for (const doc of documents) if (doc.sameKey !== null && doc.latest) latestByKey.set(doc.sameKey, doc);
  for (const doc of documents) {
    if (doc.sameKey === null || doc.latest) continue;
    const counted = latestByKey.get(doc.sameKey);
    if (counted) pairs.push([doc, counted, 'version']);
  }
  const byDepartment = new Map<string, Map<number, LinkDocument[]>>();
  for (const doc of documents) {
    if (!doc.latest || doc.department === null || doc.fiscalYear === null) continue;
    const years = byDepartment.get(departmentKey(doc.department)) ?? new Map<number, LinkDocument[]>();
    years.set(doc.fiscalYear, [...(years.get(doc.fiscalYear) ?? []), doc]);
    byDepartment.set(departmentKey(doc.department), years);
  }
  for (const years of byDepartment.values()) {
    const ordered = [...years.keys()].sort((a, b) => a - b);
    for (let index = 1; index < ordered.length; index++) {
      for (const earlier of years.get(ordered[index - 1]) ?? []) {
        for (const later of years.get(ordered[index]) ?? []) pairs.push([earlier, later, 'year']);
      }
    }
  }
  return pairs;
}

function projectsByDocument(db: Db, documentIds: number[]): Map<number, LinkProject[]> {
  const byDocument = new Map<number, LinkProject[]>();
  const select = db.prepare(
    `SELECT seq, code, name, unit_code AS unitCode, unit_name AS unitName FROM projects WHERE document_id = ? ORDER BY seq`,
  );
  for (const id of documentIds) byDocument.set(id, select.all(id) as LinkProject[]);
  return byDocument;
}

/** The indicators of one project of a stored document (by sha256 and project seq), in order. */
export function storedIndicatorsOf(db: Db, sha256: string, projectSeq: number): LinkIndicator[] {
  return db
    .prepare(
      `SELECT i.seq, i.level1, i.level2, i.level3, i.target_text AS targetText, i.target_op AS targetOp,
         i.target_value AS targetValue, i.target_unit AS targetUnit
       FROM indicators i JOIN projects p ON p.id = i.project_id JOIN documents d ON d.id = p.document_id
       WHERE d.sha256 = ? AND p.seq = ? ORDER BY i.seq`,
    )
    .all(sha256, projectSeq) as LinkIndicator[];
}

function writeIndicatorLinks(
  db: Db,
  link: Pick<StoredLink, 'id' | 'fromSha256' | 'fromProjectSeq' | 'toSha256' | 'toProjectSeq' | 'status'>,
): void {
  db.prepare('DELETE FROM indicator_links WHERE link_id = ?').run(link.id);
  if (!ACCEPTED_STATUSES.includes(link.status)) return;
  const insert = db.prepare(
    'INSERT INTO indicator_links (link_id, from_indicator_seq, to_indicator_seq, score) VALUES (?, ?, ?, ?)',
  );
  const pairs = indicatorsToPairs(
    storedIndicatorsOf(db, link.fromSha256, link.fromProjectSeq),
    storedIndicatorsOf(db, link.toSha256, link.toProjectSeq),
  );
  for (const pair of pairs) insert.run(link.id, pair.fromSeq, pair.toSeq, pair.score);
}

const SELECT_LINKS = `SELECT id, kind, from_sha256 AS fromSha256, from_project_seq AS fromProjectSeq, to_sha256 AS toSha256,
  to_project_seq AS toProjectSeq, method, score, status, decided_by AS decidedBy, decided_at AS decidedAt
  FROM project_links`;

/** How many links the database holds by status. */
export function projectLinkCounts(db: Db): LinkCounts {
  const counts: LinkCounts = { auto: 0, candidate: 0, confirmed: 0, rejected: 0 };
  for (const row of db.prepare('SELECT status, count(*) AS n FROM project_links GROUP BY status').all() as {
    status: LinkStatus;
    n: number;
  }[])
    counts[row.status] = row.n;
  return counts;
}

/**
 * Recomputes the linker's links (`auto`, `candidate`) of every stored document and the indicator pairs of every
 * accepted link, in one transaction. A link a person confirmed or rejected keeps its decision (its method and score
 * are updated when the linker finds it again); a link the linker no longer finds is removed unless decided. Link ids
 * stay as they were for links found again.
 */
export function rebuildProjectLinks(db: Db, options: { now?: Date } = {}): LinkCounts {
  const computedAt = (options.now ?? new Date()).toISOString();
  const rebuild = db.transaction(() => {
    const documents = databaseToLinkDocuments(db);
    const pairs = linkDocumentsToPairs(documents);
    const projects = projectsByDocument(
      db,
      documents.map((doc) => doc.id),
    );
    const proposed = new Map<string, { kind: LinkKind; from: LinkDocument; to: LinkDocument; link: ProposedLink }>();
    for (const [from, to, kind] of pairs) {
      const links = documentsToProjectLinks(
        { fiscalYear: from.fiscalYear, projects: projects.get(from.id) ?? [] },
        { fiscalYear: to.fiscalYear, projects: projects.get(to.id) ?? [] },
      );
      for (const link of links) {
        proposed.set(linkKey(from.sha256, link.fromSeq, to.sha256, link.toSeq), { kind, from, to, link });
      }
    }
    const existing = new Map(
      (db.prepare(SELECT_LINKS).all() as StoredLink[]).map((row) => [
        linkKey(row.fromSha256, row.fromProjectSeq, row.toSha256, row.toProjectSeq),
        row,
      ]),
    );
    const remove = db.prepare('DELETE FROM project_links WHERE id = ?');
    for (const [key, row] of existing) {
      if (!proposed.has(key) && (row.status === 'auto' || row.status === 'candidate')) remove.run(row.id);
    }
    const update = db.prepare(
      `UPDATE project_links SET kind = ?, method = ?, score = ?, computed_at = ?,
         status = CASE WHEN status IN ('auto', 'candidate') THEN ? ELSE status END
       WHERE id = ?`,
    );
    const insert = db.prepare(
      `INSERT INTO project_links (kind, from_sha256, from_project_seq, to_sha256, to_project_seq, method, score, status, computed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const [key, { kind, from, to, link }] of proposed) {
      const row = existing.get(key);
      if (row) update.run(kind, link.method, link.score, computedAt, link.status, row.id);
      else
        insert.run(
          kind,
          from.sha256,
          link.fromSeq,
          to.sha256,
          link.toSeq,
          link.method,
          link.score,
          link.status,
          computedAt,
        );
    }
    db.prepare('DELETE FROM indicator_links').run();
    for (const link of db.prepare(`${SELECT_LINKS} WHERE status IN ('auto', 'confirmed')`).all() as StoredLink[]) {
      writeIndicatorLinks(db, link);
    }
    return projectLinkCounts(db);
  });
  try {
    return rebuild.immediate();
  } catch (error) {
    throw databaseError(error, db.name);
  }
}

/** A link by id; null when there is none. */
export function projectLinkById(db: Db, id: number): StoredLink | null {
  return (db.prepare(`${SELECT_LINKS} WHERE id = ?`).get(id) as StoredLink | undefined) ?? null;
}

/**
 * Records a person's decision on a link (`confirmed` or `rejected`, by whom, when) and recomputes its indicator
 * pairs. The decision is kept by every later rebuild, and by `import --force` (keyed on sha256 and project seq).
 */
export function decideProjectLink(
  db: Db,
  id: number,
  decision: 'confirmed' | 'rejected',
  options: { by: string; at?: Date },
): StoredLink {
  const decide = db.transaction(() => {
    const link = projectLinkById(db, id);
    if (!link) throw new HistoryError('link_not_found', `no project link #${id} (budgetpdf links list shows them)`);
    db.prepare('UPDATE project_links SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?').run(
      decision,
      options.by,
      (options.at ?? new Date()).toISOString(),
      id,
    );
    const decided = { ...link, status: decision };
    writeIndicatorLinks(db, decided);
    return projectLinkById(db, id) as StoredLink;
  });
  return decide.immediate();
}
