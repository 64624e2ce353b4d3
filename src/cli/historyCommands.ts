/**
 * The commands of issue 19, registered by src/cli/main.ts:
 *
 *   budgetpdf compare --department <name> --from <YYYY> --to <YYYY> [--db <file>] [--out <folder>]
 *   budgetpdf links rebuild|list|confirm <id>|reject <id> [--db <file>] [--status <s>] [--by <name>]
 *
 * Each returns an exit code (0 ok, 1 failed, 2 bad usage) and writes through the CLI's io.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DB_PATH } from '../batch/importPdfs.js';
import { openDatabase, withReadonlyDatabase } from '../stages/store/database.js';
import {
  decideProjectLink,
  hasProjectLinkTables,
  type LinkCounts,
  rebuildProjectLinks,
} from '../stages/store/projectLinks.js';
import { databaseToCompareReport } from '../history/compare.js';
import { compareReportToCsv, compareReportToHtml, compareReportToText } from '../history/compareReport.js';
import { HistoryError, LinkStatus } from '../history/model.js';
import {
  afterImportLines,
  type CommandIo,
  EXIT_OK,
  EXIT_FAILED,
  EXIT_USAGE,
  parseCommandValues,
  usageToExit,
} from './commandArgs.js';

export const HISTORY_USAGE = `  budgetpdf compare --department <name> --from <YYYY> --to <YYYY> [--db <file>] [--out <folder>]
      one department's documents of two years side by side (docs/history.md): budget by year, projects continuing,
      new and dropped, candidate links, target changes (tightened, loosened, changed, new, dropped); a report on
      stdout and, with --out, compare-<from>-<to>.csv and compare-<from>-<to>.html (an SVG chart, no network).
  budgetpdf links rebuild|list [--status auto|candidate|confirmed|rejected]|confirm <id>|reject <id> [--by <name>] [--db <file>]
      the same project across documents (recomputed after each import): list them, confirm or reject a candidate
      (the decision survives import --force).
`;

function yearOption(value: string | undefined, name: string): number {
  const year = Number(value);
  if (value === undefined || !Number.isInteger(year) || year < 1900 || year > 2999)
    throw new Error(`${name} must be a year such as 2023, not ${value ?? 'nothing'}`);
  return year;
}

export async function compareCommand(args: string[], io: CommandIo): Promise<number> {
  let parsed: { dbPath: string; out?: string; department: string; fromYear: number; toYear: number } | 'help';
  try {
    const { values, positionals } = parseCommandValues('compare', args, {
      db: { type: 'string' },
      out: { type: 'string' },
      department: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    });
    if (values.help) parsed = 'help';
    else {
      if (positionals.length > 0)
        throw new Error(`compare takes no arguments besides options: ${positionals.join(' ')}`);
      if (!values.department) throw new Error('compare needs --department <name>');
      parsed = {
        dbPath: values.db ?? DEFAULT_DB_PATH,
        out: values.out,
        department: values.department,
        fromYear: yearOption(values.from, '--from'),
        toYear: yearOption(values.to, '--to'),
      };
    }
  } catch (error) {
    return usageToExit(io, (error as Error).message);
  }
  if (parsed === 'help') {
    io.out(HISTORY_USAGE);
    return EXIT_OK;
  }
  const options = parsed;
  if (options.out !== undefined && existsSync(options.out) && !statSync(options.out).isDirectory())
    return usageToExit(io, `--out must be a folder, but ${options.out} is a file`);
  let report: ReturnType<typeof databaseToCompareReport>;
  try {
    report = await withReadonlyDatabase(options.dbPath, (db) => databaseToCompareReport(db, options));
  } catch (error) {
    if (error instanceof HistoryError) {
      io.err(`budgetpdf: ${error.message}\n`);
      return error.code === 'invalid_years' ? EXIT_USAGE : EXIT_FAILED;
    }
    throw error;
  }
  io.out(compareReportToText(report));
  if (options.out !== undefined) {
    mkdirSync(options.out, { recursive: true });
    const stem = join(options.out, `compare-${report.fromYear}-${report.toYear}`);
    writeFileSync(`${stem}.csv`, await compareReportToCsv(report));
    writeFileSync(`${stem}.html`, compareReportToHtml(report));
    io.out(`wrote ${stem}.csv and ${stem}.html\n`);
  }
  return EXIT_OK;
}

const countsLine = (counts: LinkCounts) =>
  `${counts.auto} auto, ${counts.candidate} candidates, ${counts.confirmed} confirmed, ${counts.rejected} rejected`;

export async function linksCommand(args: string[], io: CommandIo): Promise<number> {
  const [action, ...rest] = args;
  let values: { db?: string; status?: string; by?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseCommandValues('links', rest, {
      db: { type: 'string' },
      status: { type: 'string' },
      by: { type: 'string' },
    }));
  } catch (error) {
    return usageToExit(io, (error as Error).message);
  }
  if (values.help || action === undefined || action === '-h' || action === '--help') {
    if (action === undefined && !values.help) return usageToExit(io, 'links needs rebuild, list, confirm or reject');
    io.out(HISTORY_USAGE);
    return EXIT_OK;
  }
  const dbPath = values.db ?? DEFAULT_DB_PATH;
  if (!existsSync(dbPath)) {
    io.err(`budgetpdf: database not found: ${dbPath}\n`);
    return EXIT_FAILED;
  }
  switch (action) {
    case 'rebuild': {
      const db = openDatabase(dbPath);
      try {
        io.out(`links: ${countsLine(rebuildProjectLinks(db))}\n`);
      } finally {
        db.close();
      }
      return EXIT_OK;
    }
    case 'list': {
      const status = values.status === undefined ? null : LinkStatus.safeParse(values.status);
      if (status !== null && !status.success)
        return usageToExit(io, `--status must be auto, candidate, confirmed or rejected, not ${values.status}`);
      const rows = await withReadonlyDatabase(
        dbPath,
        (db) =>
          db
            .prepare(
              `SELECT l.id, l.kind, l.method, l.score, l.status, fd.fiscal_year AS fromYear, fp.seq AS fromSeq, fp.name AS fromName,
                 td.fiscal_year AS toYear, tp.seq AS toSeq, tp.name AS toName, td.department
               FROM project_links l
               JOIN documents fd ON fd.sha256 = l.from_sha256 JOIN projects fp ON fp.document_id = fd.id AND fp.seq = l.from_project_seq
               JOIN documents td ON td.sha256 = l.to_sha256 JOIN projects tp ON tp.document_id = td.id AND tp.seq = l.to_project_seq
               WHERE ? IS NULL OR l.status = ?
               ORDER BY td.department, fd.fiscal_year, l.from_sha256, l.from_project_seq, l.id`,
            )
            .all(status?.data ?? null, status?.data ?? null) as Record<string, string | number>[],
      );
      for (const row of rows) {
        io.out(
          `${row.id}\t${row.status}\t${row.kind}\t${row.method} ${row.score}\t${row.department} ${row.fromYear} #${row.fromSeq} ${row.fromName} → ${row.toYear} #${row.toSeq} ${row.toName}\n`,
        );
      }
      if (rows.length === 0) io.out('no links\n');
      return EXIT_OK;
    }
    case 'confirm':
    case 'reject': {
      const id = Number(positionals[0]);
      if (positionals.length !== 1 || !Number.isInteger(id) || id < 1)
        return usageToExit(io, `links ${action} needs one link id (budgetpdf links list --status candidate)`);
      const db = openDatabase(dbPath);
      try {
        const link = decideProjectLink(db, id, action === 'confirm' ? 'confirmed' : 'rejected', {
          by: values.by ?? process.env.USER ?? 'unknown',
        });
        io.out(`link ${link.id}: ${link.status} by ${link.decidedBy}\n`);
      } catch (error) {
        if (error instanceof HistoryError) {
          io.err(`budgetpdf: ${error.message}\n`);
          return EXIT_FAILED;
        }
        throw error;
      } finally {
        db.close();
      }
      return EXIT_OK;
    }
    default:
      return usageToExit(io, `links needs rebuild, list, confirm or reject, not ${action}`);
  }
}

/**
 * After an import: the project links recomputed (a person's decisions kept) and one line saying how many there are
 * and how many candidates await a person; nothing when the database holds no link.
 */
export async function linksAfterImport(dbPath: string): Promise<string> {
  return afterImportLines(dbPath, (db) => {
    if (!hasProjectLinkTables(db)) return '';
    const counts = rebuildProjectLinks(db);
    if (counts.auto + counts.candidate + counts.confirmed + counts.rejected === 0) return '';
    return `links across documents: ${countsLine(counts)}${counts.candidate > 0 ? ' (budgetpdf links list --status candidate)' : ''}\n`;
  });
}
