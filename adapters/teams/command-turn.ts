import { TeamsInfo, TurnContext } from 'botbuilder';
import { notice } from '../../src/messages/commitment-messages.js';
import type { Message } from '../../src/messages/message.js';
import { CommandMeter, type CommandOutcome, outcomeOf } from '../../src/metrics/command-meter.js';
import { isRedisUnavailable } from '../../src/redis/redis-errors.js';
import type { CommandResult, ResultFile } from '../../src/tracker/command-context.js';
import type { Tracker } from '../../src/tracker/tracker.js';
import { cardActivity } from './adaptive-card.js';
import {
  commandText,
  type MentionEntity,
  type MentionedPerson,
  mentionEntities,
  mentionedUserIds,
} from './command-text.js';
import type { ConversationStore } from './conversation-store.js';
import { answerFor } from './error-answers.js';
import { renderCard } from './render-card.js';
import { type ReportLinks, reportUrl, withOpenButton } from './report-links.js';
import { actorOf, commandContextOf, teamIdOf, turnDetails } from './teams-context.js';
import { sendAnswers, type TurnAnswerDeps } from './turn-answers.js';

export interface CommandTurnDeps extends TurnAnswerDeps {
  tracker: Tracker;
  conversations: ConversationStore;
  reports: ReportLinks;
  /** The bot's own tenant (MicrosoftAppTenantId): an activity from another never acts as an administrator. */
  tenantId?: string;
}

/**
 * A typed command: `@followthrough <subcommand> …` in a channel or group chat, the bare subcommand in a
 * personal chat. The answer is one message in the thread of the command: the announcement when the
 * command has one (in Teams everyone in the thread sees the answer anyway), else the reply; a digest
 * preview's thread follows it.
 */
export async function runCommandTurn(context: TurnContext, deps: CommandTurnDeps): Promise<void> {
  await rememberConversation(context, deps);
  const activity = context.activity;
  const entities = mentionEntities(activity.entities);
  const botId = activity.recipient?.id ?? '';
  const people = await resolveMentions(context, entities, botId, deps);
  const text = commandText(activity.text ?? '', entities, botId, people);
  const meter = new CommandMeter(deps.metrics, 'teams');
  let messages: Message[];
  let outcome: CommandOutcome = 'ok';
  try {
    const ctx = { ...commandContextOf(activity, deps.tenantId), meter };
    const result = await deps.tracker.execute(text === '' ? 'help' : text, ctx);
    if (result.file) {
      await sendReport(context, result.reply, result.file, deps);
      meter.answered('ok');
      return;
    }
    messages = [answerInThread(result), ...(result.thread ?? [])];
  } catch (error) {
    outcome = outcomeOf(error);
    messages = [answerFor(error, deps.log, turnDetails(context), deps.clock.now())];
  }
  if (await sendAnswers(context, messages, deps, text === '' ? 'help' : text)) meter.answered(outcome);
  else meter.lost();
}

/**
 * What goes in the thread: the announcement when there is one (everyone in the thread sees the answer
 * anyway), unless it is of a restricted commitment this conversation may not see, then the reply.
 */
export function answerInThread(result: CommandResult): Message {
  return result.announcement && !result.notForThisChannel ? result.announcement : result.reply;
}

/** The report's answer with a button that opens it, served by the web process for a week. */
async function sendReport(context: TurnContext, reply: Message, file: ResultFile, deps: CommandTurnDeps) {
  const url = reportUrl(context, await deps.reports.publish(file));
  if (!url) {
    await sendAnswers(
      context,
      [notice('The report was made, but this turn has no address to link it from.')],
      deps,
    );
    return;
  }
  await deps.pacer.acquire(context.activity.conversation.id);
  await context.sendActivity(cardActivity(withOpenButton(renderCard(reply), url)));
}

/**
 * Every command refreshes the conversation's reference (Teams may move a tenant to another service URL),
 * which also stores it for `channel link`, and the name of who typed it. A Redis hiccup here must not
 * cost the user their answer.
 */
export async function rememberConversation(context: TurnContext, deps: CommandTurnDeps): Promise<void> {
  try {
    await deps.conversations.save(
      TurnContext.getConversationReference(context.activity),
      teamIdOf(context.activity),
    );
    await deps.names.remember([actorOf(context.activity)]);
  } catch (error) {
    const cause = isRedisUnavailable(error) ? { reason: (error as Error).message } : { err: error };
    deps.log.warn({ ...turnDetails(context), ...cause }, 'could not store the Teams conversation reference');
  }
}

/**
 * Mentions carry the per-bot Teams user id; the tracker knows people by their Entra object id, which the
 * entity sometimes carries and the connector's member lookup gives. A lookup that fails keeps the Teams id, so the command still runs.
 */
async function resolveMentions(
  context: TurnContext,
  entities: readonly MentionEntity[],
  botId: string,
  deps: CommandTurnDeps,
): Promise<Map<string, MentionedPerson>> {
  const people = new Map<string, MentionedPerson>();
  for (const id of mentionedUserIds(entities, botId)) {
    const given = entities.find(
      (entity) => entity.mentioned.id === id && entity.mentioned.aadObjectId,
    )?.mentioned;
    if (given?.aadObjectId) {
      people.set(
        id,
        given.name ? { userId: given.aadObjectId, name: given.name } : { userId: given.aadObjectId },
      );
      continue;
    }
    try {
      const member = await TeamsInfo.getMember(context, id);
      const userId = member.aadObjectId || (member as { objectId?: string }).objectId || id;
      people.set(id, member.name ? { userId, name: member.name } : { userId });
      if (member.name) await deps.names.remember([{ platform: 'teams', userId, name: member.name }]);
    } catch (error) {
      deps.log.warn(
        { ...turnDetails(context), mentionedId: id, err: error },
        'could not look up a mentioned Teams user',
      );
    }
  }
  return people;
}
