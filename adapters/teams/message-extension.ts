import type { MessagingExtensionAction, MessagingExtensionActionResponse, TurnContext } from 'botbuilder';
import type { Command } from '../../src/commands/command.js';
import { MAX_SOURCE_LENGTH, MAX_TITLE_LENGTH } from '../../src/commands/parse-command.js';
import { TrackerError } from '../../src/errors/tracker-error.js';
import { CommandMeter, outcomeOf } from '../../src/metrics/command-meter.js';
import type { Visibility } from '../../src/model/visibility.js';
import type { AgencyStore } from '../../src/store/commitment-store.js';
import type { Tracker } from '../../src/tracker/tracker.js';
import { cardAttachment } from './adaptive-card.js';
import { type AddFormValues, addFormCard } from './add-form-card.js';
import { answerInThread } from './command-turn.js';
import { answerFor } from './error-answers.js';
import { htmlToText } from './html-text.js';
import { channelOf, commandContextOf, turnDetails } from './teams-context.js';
import { sendAnswers, type TurnAnswerDeps } from './turn-answers.js';

/** The message action's command id in the manifest. */
export const TRACK_COMMAND_ID = 'trackCommitment';
const DIALOG_TITLE = 'Track as commitment';

export interface MessageExtensionDeps extends TurnAnswerDeps {
  tracker: Tracker;
  agencies: AgencyStore;
  /** The bot's own tenant (MicrosoftAppTenantId): an activity from another never acts as an administrator. */
  tenantId?: string;
}

/** "Track as commitment" on a message: opens the add form, prefilled from that message. */
export async function openTrackForm(
  context: TurnContext,
  action: MessagingExtensionAction,
  deps: MessageExtensionDeps,
): Promise<MessagingExtensionActionResponse> {
  const payload = action.messagePayload;
  const author = payload?.from?.user?.displayName;
  const link = payload?.linkToMessage;
  const values: AddFormValues = {
    title: clip(messageText(payload?.body?.content ?? '', payload?.body?.contentType), MAX_TITLE_LENGTH),
    source: clip(
      [author ? `Teams message from ${author}` : 'Teams message', link].filter(Boolean).join(': '),
      MAX_SOURCE_LENGTH,
    ),
  };
  const channel = channelOf(context.activity);
  const linked = channel ? await deps.agencies.agenciesForChannel(channel) : [];
  if (linked[0]) values.lead = linked[0].code;
  return formResponse(values, await agencyCodes(deps));
}

/** The form sent back: adds the commitment and announces it in the conversation, or shows what was wrong. */
export async function submitTrackForm(
  context: TurnContext,
  action: MessagingExtensionAction,
  deps: MessageExtensionDeps,
): Promise<MessagingExtensionActionResponse> {
  const values = formValues(action.data);
  const lead = values.lead?.toUpperCase();
  // The core checks the command as it checks typed text (title required, lengths, agency codes).
  const command: Command = {
    kind: 'add',
    title: values.title ?? '',
    owners: lead ? [lead, ...(values.supporting ?? []).filter((code) => code !== lead)] : [],
    ...(values.due ? { dueText: values.due } : {}),
    ...(values.area ? { area: values.area } : {}),
    ...(values.source ? { source: values.source } : {}),
    // The core refuses a value that is neither open nor restricted, as for typed text.
    ...(values.visibility ? { visibility: values.visibility as Visibility } : {}),
  };
  // The dialog's response carries the answer whenever the post to the conversation does not.
  const meter = new CommandMeter(deps.metrics, 'teams');
  try {
    const result = await deps.tracker.run(command, {
      ...commandContextOf(context.activity, deps.tenantId),
      meter,
    });
    meter.answered('ok');
    if (await sendAnswers(context, [answerInThread(result)], deps)) return {};
    return {
      task: { type: 'message', value: `${result.reply.text} Teams did not let the bot post it here.` },
    };
  } catch (error) {
    meter.answered(outcomeOf(error));
    if (error instanceof TrackerError) return formResponse(values, await agencyCodes(deps), error.message);
    const answer = answerFor(error, deps.log, turnDetails(context), deps.clock.now());
    return { task: { type: 'message', value: answer.text } };
  }
}

async function agencyCodes(deps: MessageExtensionDeps): Promise<string[]> {
  return (await deps.agencies.list()).map((agency) => agency.code);
}

function formResponse(
  values: AddFormValues,
  codes: string[],
  problem?: string,
): MessagingExtensionActionResponse {
  return {
    task: {
      type: 'continue',
      value: {
        title: DIALOG_TITLE,
        width: 'medium',
        height: 'large',
        card: cardAttachment(addFormCard(values, codes, problem)),
      },
    },
  };
}

function formValues(data: unknown): AddFormValues {
  const record = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const read = (key: string) =>
    (typeof record[key] === 'string' ? (record[key] as string).trim() : undefined) || undefined;
  const supporting = read('supporting');
  return {
    title: read('title'),
    lead: read('lead'),
    supporting: supporting
      ? supporting
          .split(',')
          .map((code) => code.trim().toUpperCase())
          .filter(Boolean)
      : undefined,
    due: read('due'),
    area: read('area'),
    source: read('source'),
    visibility: read('visibility')?.toLowerCase(),
  };
}

/** A message body as one line of plain text (Teams sends HTML for most messages). */
function messageText(content: string, contentType: string | undefined): string {
  return contentType === 'html' ? htmlToText(content) : content.replace(/\s+/g, ' ').trim();
}

function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1).trimEnd()}…` : value;
}
