import { randomUUID } from 'node:crypto';
import { mkdir, writeFile as writeFileContent } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from 'pino';
import { TrackerError } from '../../src/errors/tracker-error.js';
import { errorMessage, internalErrorMessage } from '../../src/messages/error-message.js';
import type { Message } from '../../src/messages/message.js';
import type { CommandContext, ResultFile } from '../../src/tracker/command-context.js';
import type { Tracker } from '../../src/tracker/tracker.js';
import { renderText } from './render-text.js';

export const CONSOLE_CHANNEL_ID = 'terminal';

export interface ConsoleOptions {
  tracker: Tracker;
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
  userName: string;
  log: Logger;
  /** Where files a command gives (the stocktake report) are written; default `.data/reports`. */
  filesDir?: string;
}

/**
 * The terminal way in: a prompt with history on a terminal; otherwise one command per input line,
 * each answer printed, and done at end of input.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { input, output } = options;
  const interactive = input.isTTY === true;
  const lines = createInterface({
    input,
    output: interactive ? output : undefined,
    terminal: interactive,
    historySize: 500,
  });
  const ctx: CommandContext = {
    actor: { platform: 'console', userId: options.userName, name: options.userName },
    channel: { platform: 'console', id: CONSOLE_CHANNEL_ID },
  };
  if (interactive) {
    lines.on('SIGINT', () => lines.close());
    lines.setPrompt('commit> ');
    lines.prompt();
  }
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === 'exit' || line === 'quit') break;
    if (line !== '' && !line.startsWith('#')) {
      output.write(`${await answer(line, ctx, options)}\n\n`);
    }
    if (interactive) lines.prompt();
  }
  lines.close();
}

async function answer(line: string, ctx: CommandContext, options: ConsoleOptions): Promise<string> {
  try {
    const result = await options.tracker.execute(line, ctx);
    // The terminal is both the person and the channel: the announcement says all the reply would.
    const messages: Message[] = [result.announcement ?? result.reply, ...(result.thread ?? [])];
    const written = result.file ? `\n  Written to ${await writeFile(result.file, options)}` : '';
    return `${messages.map(renderText).join('\n')}${written}`;
  } catch (error) {
    if (error instanceof TrackerError) return renderText(errorMessage(error));
    const reference = randomUUID().slice(0, 8);
    options.log.error({ err: error, reference, command: line }, 'console command failed');
    return renderText(internalErrorMessage(reference));
  }
}

/** A command's file, written where the operator can open it; an earlier one of the same name is replaced. */
async function writeFile(file: ResultFile, options: ConsoleOptions): Promise<string> {
  const dir = resolve(options.filesDir ?? '.data/reports');
  await mkdir(dir, { recursive: true });
  const path = join(dir, basename(file.fileName));
  await writeFileContent(path, file.content);
  return path;
}
