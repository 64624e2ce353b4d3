/**
 * The records of issue 19 (one project's history across documents) as zod schemas, the only types: what the linker
 * reads of a stored project and what it decides.
 */
import { z } from 'zod';

export const LinkKind = z.enum(['version', 'year']);
export type LinkKind = z.infer<typeof LinkKind>;
export const LinkMethod = z.enum(['code', 'name']);
export type LinkMethod = z.infer<typeof LinkMethod>;
export const LinkStatus = z.enum(['auto', 'candidate', 'confirmed', 'rejected']);
export type LinkStatus = z.infer<typeof LinkStatus>;
/** The statuses whose links count: the linker's accepted links and a person's confirmed ones. */
export const ACCEPTED_STATUSES: readonly LinkStatus[] = ['auto', 'confirmed'];

export const TargetChange = z.enum(['tightened', 'loosened', 'unchanged', 'changed', 'new', 'dropped']);
export type TargetChange = z.infer<typeof TargetChange>;

export const TargetOp = z.enum(['>=', '<=', '>', '<', '=']);

/** An indicator as the linker reads it from the database. */
export const LinkIndicator = z.object({
  seq: z.number().int(),
  level1: z.string(),
  level2: z.string().nullable(),
  level3: z.string().nullable(),
  targetText: z.string().nullable(),
  targetOp: TargetOp.nullable(),
  targetValue: z.number().nullable(),
  targetUnit: z.string().nullable(),
});
export type LinkIndicator = z.infer<typeof LinkIndicator>;

/** A project as the linker reads it: its identity (seq), code, name and unit. */
export const LinkProject = z.object({
  seq: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
});
export type LinkProject = z.infer<typeof LinkProject>;

/** A document as the linker pairs it. */
export const LinkDocument = z.object({
  id: z.number().int(),
  sha256: z.string(),
  department: z.string().nullable(),
  fiscalYear: z.number().int().nullable(),
  /** The "same document" key of v_documents (department, year, title without （草案）); null when not grouped. */
  sameKey: z.string().nullable(),
  latest: z.boolean(),
});
export type LinkDocument = z.infer<typeof LinkDocument>;

/** One project link the linker proposes between two projects (by seq) of two documents. */
export const ProposedLink = z.object({
  fromSeq: z.number().int(),
  toSeq: z.number().int(),
  method: LinkMethod,
  score: z.number(),
  status: z.enum(['auto', 'candidate']),
});
export type ProposedLink = z.infer<typeof ProposedLink>;

/** One indicator pair of a linked project pair; a null side is an indicator dropped (to null) or new (from null). */
export const IndicatorPair = z.object({
  fromSeq: z.number().int().nullable(),
  toSeq: z.number().int().nullable(),
  score: z.number().nullable(),
});
export type IndicatorPair = z.infer<typeof IndicatorPair>;

/** A typed error of the history commands (links, compare): a usage problem the CLI reports in one line. */
export class HistoryError extends Error {
  readonly code:
    | 'link_not_found'
    | 'department_not_found'
    | 'department_ambiguous'
    | 'year_not_found'
    | 'invalid_years';
  constructor(code: HistoryError['code'], message: string) {
    super(message);
    this.name = 'HistoryError';
    this.code = code;
  }
}
