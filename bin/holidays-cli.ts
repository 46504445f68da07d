import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { addDaysTo, calendarDayIn } from '../src/dates/calendar-day.js';
import { formatImportProblem, ImportFileError } from '../src/errors/import-file-error.js';
import { readIcsHolidays } from '../src/import/ics-holidays.js';
import { importHolidayList } from '../src/import/import-holiday-list.js';
import { type HolidayScope, holidayScopeText, parseHolidayScope } from '../src/model/holiday.js';
import type { Runtime } from './runtime.js';
import { buildServices } from './services.js';

export const HOLIDAYS_USAGE = `  holidays import <file.ics> <country:CC | state:CC-SS | agency:CODE> [--replace]
                       load a published holiday list (iCalendar) as non-working days;
                       --replace first drops that scope's days in the years the file covers
  holidays list <country:CC | state:CC-SS | agency:CODE>
                       print the non-working days loaded for a country, state or agency`;

/** How far ahead a repeating event (RRULE) of an .ics file is read. */
const REPEATS_READ_DAYS = 3 * 366;

/** `holidays import …` and `holidays list …`; returns the exit code. */
export async function runHolidays(runtime: Runtime, args: readonly string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'import') return importIcs(runtime, rest);
  if (action === 'list') return list(runtime, rest);
  return usage(`There is no "holidays ${action ?? ''}" command.`);
}

async function importIcs(runtime: Runtime, args: readonly string[]): Promise<number> {
  const replace = args.includes('--replace');
  const [path, scopeText, stray] = args.filter((arg) => arg !== '--replace');
  if (!path || !scopeText || stray) return usage('Give the file and whose holidays they are.');
  const scope = await readScope(runtime, scopeText);
  if (!scope) return 1;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    process.stderr.write(`Cannot read ${path}: ${(error as Error).message}\n`);
    return 1;
  }
  const today = calendarDayIn(runtime.config.trackerTimeZone, runtime.clock.now());
  try {
    const source = `imported from ${basename(path)}`;
    const days = readIcsHolidays(text, addDaysTo(today, REPEATS_READ_DAYS)).map((day) => ({
      ...day,
      source,
    }));
    const { scheduler } = buildServices(runtime);
    const deps = { agencies: runtime.agencies, holidays: runtime.holidays, planner: scheduler.planner };
    const written = await importHolidayList(days, scope, deps, { replace });
    await scheduler.close();
    const { years } = written;
    const span = years.length > 1 ? `${years[0]}–${years.at(-1)}` : String(years[0]);
    const removed = replace ? `, ${written.removed} removed` : '';
    const codes = written.agencies.join(', ') || 'none yet';
    process.stdout.write(
      `Imported ${days.length} non-working days (${span}) from ${basename(path)} for ${holidayScopeText(scope)}: ` +
        `${written.added} added, ${written.updated} updated${removed}. Reminders replanned for: ${codes}.\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    process.stderr.write(`${path} was not imported; nothing was loaded.\n`);
    for (const problem of error.problems) process.stderr.write(`  ${formatImportProblem(problem)}\n`);
    return 1;
  }
}

async function list(runtime: Runtime, args: readonly string[]): Promise<number> {
  const [scopeText, stray] = args;
  if (!scopeText || stray) return usage('Say whose non-working days to list.');
  const scope = await readScope(runtime, scopeText);
  if (!scope) return 1;
  const days = await runtime.holidays.list(scope);
  if (days.length === 0)
    process.stdout.write(`No non-working days are loaded for ${holidayScopeText(scope)}.\n`);
  for (const day of days) process.stdout.write(`${day.date}  ${day.name}  (${day.source})\n`);
  return 0;
}

/** A scope as written on the command line; an agency must exist. */
async function readScope(runtime: Runtime, text: string): Promise<HolidayScope | undefined> {
  const scope = parseHolidayScope(text);
  if (!scope) {
    process.stderr.write(
      `"${text}" does not say whose days these are: write country:IN, state:MY-02 or agency:MEITY.\n`,
    );
    return undefined;
  }
  if (scope.kind === 'agency' && !(await runtime.agencies.get(scope.code))) {
    process.stderr.write(`There is no agency ${scope.code}; add it first (agency add …).\n`);
    return undefined;
  }
  return scope;
}

function usage(problem: string): number {
  process.stderr.write(`${problem}\nUsage: npm run cli -- holidays …\n${HOLIDAYS_USAGE}\n`);
  return 1;
}
