import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, resolve } from 'node:path';
import { stringify } from 'yaml';
import { renderText } from '../adapters/console/render-text.js';
import { createLog } from '../src/create-log.js';
import { collectScoreboardData } from '../src/digest/digest-data.js';
import { buildScoreboard } from '../src/digest/scoreboard.js';
import { formatImportProblem, ImportFileError } from '../src/errors/import-file-error.js';
import { TrackerError } from '../src/errors/tracker-error.js';
import { importCommitments } from '../src/import/import-commitments.js';
import { parseImportFile } from '../src/import/import-file.js';
import { AgencyDirectory, type View } from '../src/messages/view.js';
import type { Commitment } from '../src/model/commitment.js';
import { deadlineText } from '../src/model/deadline.js';
import { SEES_EVERYTHING } from '../src/model/visibility.js';
import { ruleText } from '../src/recurrence/rule-text.js';
import { buildReport } from '../src/report/build-report.js';
import { parseReportArguments } from '../src/report/report-arguments.js';
import { eachPage } from '../src/store/each-page.js';
import { BACKUP_USAGE, runBackup, runRestore } from './backup-cli.js';
import { HOLIDAYS_USAGE, runHolidays } from './holidays-cli.js';
import { loadConfigOrExit } from './load-config-or-exit.js';
import { openRuntime, type Runtime } from './runtime.js';
import { buildServices } from './services.js';

const USAGE = `Usage: npm run cli -- <command>
  import <file.yaml>   load agencies, holidays and commitments; running it twice adds nothing twice
  export               print every agency, holiday and commitment as an import file (YAML): a hand-over
                       to another tracker, not a backup
${BACKUP_USAGE}
  report               print the all-agency delivery scoreboard
  report --html <file> [owner:<AGENCY>] [area:<area>]
                       write the stocktake report: one self-contained HTML page that prints on A4
${HOLIDAYS_USAGE}`;

const [command, ...args] = process.argv.slice(2);
if (!command || command === 'help' || command === '--help') {
  process.stdout.write(`${USAGE}\n`);
  process.exit(command ? 0 : 1);
}
if (!['import', 'export', 'report', 'holidays', 'backup', 'restore'].includes(command)) {
  process.stderr.write(`Unknown command "${command}".\n${USAGE}\n`);
  process.exit(1);
}
if (command === 'import' && !args[0]) {
  process.stderr.write(`Say which file to import.\n${USAGE}\n`);
  process.exit(1);
}

const config = loadConfigOrExit();
const runtime = await openRuntime(config, createLog(config.logLevel ?? 'warn'), {
  allowUnfinishedRestore: command === 'restore',
});
let exitCode = 0;
try {
  if (command === 'import') exitCode = await runImport(runtime, args[0]!);
  if (command === 'export') await runExport(runtime);
  if (command === 'report') exitCode = await runReport(runtime, args);
  if (command === 'holidays') exitCode = await runHolidays(runtime, args);
  if (command === 'backup') exitCode = await runBackup(runtime);
  if (command === 'restore') exitCode = await runRestore(runtime, args);
} finally {
  await runtime.close();
}
process.exit(exitCode);

async function runImport(runtime: Runtime, path: string): Promise<number> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    process.stderr.write(`Cannot read ${path}: ${(error as Error).message}\n`);
    return 1;
  }
  const known = (await runtime.agencies.list()).map((agency) => agency.code);
  try {
    const file = parseImportFile(text, { knownAgencies: known });
    // Imported commitments get their reminders and agencies their digests, as if added in chat.
    const { scheduler } = buildServices(runtime);
    const summary = await importCommitments(
      file,
      {
        commitments: runtime.commitments,
        agencies: runtime.agencies,
        holidays: runtime.holidays,
        planner: scheduler.planner,
        clock: runtime.clock,
      },
      { by: `console:${userInfo().username}`, fileName: basename(path) },
    );
    process.stdout.write(
      `Imported ${path}: ${summary.agenciesAdded} agencies added, ${summary.agenciesUpdated} updated, ` +
        `${summary.agenciesUnchanged} unchanged; ` +
        `${summary.holidaysAdded} holidays added, ${summary.holidaysUpdated} updated; ` +
        `${summary.commitmentsAdded} commitments added, ${summary.commitmentsAlreadyPresent} already present.\n`,
    );
    await scheduler.close();
    return 0;
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    process.stderr.write(`${path} was not imported; nothing was loaded.\n`);
    for (const problem of error.problems) process.stderr.write(`  ${formatImportProblem(problem)}\n`);
    return 1;
  }
}

async function runExport(runtime: Runtime): Promise<void> {
  const agencies = await runtime.agencies.list();
  const holidays = [];
  for (const scope of await runtime.holidays.scopes()) {
    const whose = scope.kind === 'agency' ? { agency: scope.code } : { country: scope.code };
    for (const { date, name } of await runtime.holidays.list(scope)) holidays.push({ ...whose, date, name });
  }
  const commitments: Commitment[] = [];
  for await (const page of eachPage(runtime.commitments, { kind: 'all' })) commitments.push(...page);
  commitments.reverse();
  const file = {
    agencies: agencies.map(({ code, name, country, timeZone, digestCron, visibility }) => ({
      code,
      name,
      country,
      timeZone,
      digestCron,
      visibility,
    })),
    holidays,
    commitments: commitments.map((c) => ({
      ref: c.id,
      title: c.title,
      owners: c.owners,
      due: c.deadline ? deadlineText(c.deadline) : undefined,
      area: c.area,
      source: c.source,
      status: c.status,
      every: c.recurrence ? ruleText(c.recurrence.rule) : undefined,
      visibility: c.visibility,
    })),
  };
  process.stdout.write(stringify(file, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }));
}

async function runReport(runtime: Runtime, args: string[]): Promise<number> {
  const agencies = await runtime.agencies.list();
  const now = runtime.clock.now();
  const directory = new AgencyDirectory(agencies, runtime.config.trackerTimeZone);
  const view = { now, readerTimeZone: runtime.config.trackerTimeZone, timeZoneOf: directory.timeZoneOf };
  if (args.length > 0) return writeReport(runtime, args, view);
  // The operator's own terminal: every commitment, restricted or not.
  const data = await collectScoreboardData(
    runtime.commitments,
    agencies,
    now,
    runtime.config.trackerTimeZone,
    SEES_EVERYTHING,
  );
  const scoreboard = buildScoreboard(data, view);
  process.stdout.write(`${[scoreboard.parent, ...scoreboard.replies].map(renderText).join('\n')}\n`);
  return 0;
}

/** `report --html <file> [owner:<AGENCY>] [area:<area>]`: the stocktake page, written where asked. */
async function writeReport(runtime: Runtime, args: string[], view: View): Promise<number> {
  const parsed = parseReportArguments(args);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error}\n${USAGE}\n`);
    return 1;
  }
  try {
    const agencies = await runtime.agencies.list();
    const report = await buildReport(runtime.commitments, agencies, parsed.scope, view, SEES_EVERYTHING);
    writeFileSync(parsed.file, report.html);
    process.stdout.write(
      `Wrote ${resolve(parsed.file)}: ${report.title}, ${report.agencies} agency page(s) and ${report.areas} area page(s).\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof TrackerError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
}
