import type { Command } from '../commands/command.js';
import { notice } from '../messages/commitment-messages.js';
import { buildReport } from '../report/build-report.js';
import type { CommandResult } from './command-context.js';
import type { Session } from './session.js';

/**
 * `report [owner:<AGENCY>] [area:<area>]`: the stocktake as an HTML file, read per agency from the store,
 * with dates on the reader's clock. The adapter shares the file where the command was typed, so it holds
 * what that channel may see, whoever asks: the restricted commitments of the agencies linked to it.
 */
export async function stocktakeReport(
  s: Session,
  command: Extract<Command, { kind: 'report' }>,
): Promise<CommandResult> {
  if (command.agency) s.agency(command.agency);
  const report = await buildReport(
    s.deps.commitments,
    s.directory.all(),
    { agency: command.agency, area: command.area },
    s.view,
    s.channelAudience,
  );
  const pages = `${report.agencies} agency page${report.agencies === 1 ? '' : 's'}${report.areas > 0 ? ` and ${report.areas} area page${report.areas === 1 ? '' : 's'}` : ''}`;
  return {
    reply: notice(`📄 ${report.title}: ${pages}.`, 'One HTML page: open it in a browser, or print it on A4.'),
    file: { fileName: report.fileName, title: report.title, mimeType: 'text/html', content: report.html },
  };
}
