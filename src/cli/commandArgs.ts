/**
 * What every command of the CLI shares: exit codes, the writer it prints through, and its argument parsing
 * (`--help`/`-h` on every command; an unknown option as one line with the nearest option the command has).
 */
import { existsSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { type Db, openDatabase } from '../stages/store/database.js';
import { nearestOption } from './help.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Where a command prints. */
export type CommandIo = { out: (text: string) => void; err: (text: string) => void };

/** Bad usage: the CLI prints the message and exits EXIT_USAGE. */
export class UsageError extends Error {}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type HelpOption = { help: { type: 'boolean'; short: 'h' } };
type CommandConfig<T extends OptionsConfig> = {
  args: string[];
  options: T & HelpOption;
  allowPositionals: true;
  strict: true;
};
/** What parseArgs gives a command's options (named, so that the built declarations can name it). */
export type ParsedCommand<T extends OptionsConfig> = ReturnType<typeof parseArgs<CommandConfig<T>>>;

/**
 * parseArgs for one command, with `--help`/`-h` added: 'help' when asked; an unknown option becomes a UsageError
 * naming the command and the nearest option it has (did you mean).
 */
export function parseCommandArgs<T extends OptionsConfig>(
  command: string,
  args: string[],
  options: T,
): 'help' | ParsedCommand<T> {
  const parsed = parseCommandValues(command, args, options);
  return (parsed.values as { help?: boolean }).help ? 'help' : parsed;
}

/** As parseCommandArgs, with `--help` given back as `values.help` (for commands whose first word is an action). */
export function parseCommandValues<T extends OptionsConfig>(
  command: string,
  args: string[],
  options: T,
): ParsedCommand<T> {
  const config: CommandConfig<T> = {
    args,
    options: { ...options, help: { type: 'boolean', short: 'h' } } as T & HelpOption,
    allowPositionals: true,
    strict: true,
  };
  try {
    return parseArgs(config);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const unknown = /Unknown option '([^']+)'/.exec((error as Error).message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
      const nearest = nearestOption(unknown, Object.keys(options));
      throw new UsageError(
        `Unknown option '${unknown}' for ${command}${nearest ? `; did you mean ${nearest}?` : ''} (see budgetpdf ${command} --help)`,
        { cause: error },
      );
    }
    throw error;
  }
}

/** Prints a usage problem of a command and gives its exit code. */
export function usageToExit(io: CommandIo, message: string): number {
  io.err(`budgetpdf: ${message}\nrun \`budgetpdf --help\` for usage\n`);
  return EXIT_USAGE;
}

/**
 * A line an import prints after its summary, read from the database (links, corrections): `lines(db)` with the
 * database open, or '' when there is no database or it does not open (the import has said what went wrong with it).
 */
export function afterImportLines(dbPath: string, lines: (db: Db) => string): string {
  if (!existsSync(dbPath)) return '';
  let db: Db;
  try {
    db = openDatabase(dbPath);
  } catch {
    return '';
  }
  try {
    return lines(db);
  } finally {
    db.close();
  }
}
