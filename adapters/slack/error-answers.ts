import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { TrackerError } from '../../src/errors/tracker-error.js';
import { notice } from '../../src/messages/commitment-messages.js';
import { errorMessage, internalErrorMessage } from '../../src/messages/error-message.js';
import type { Message } from '../../src/messages/message.js';
import { type SlackFailure, slackFailure } from './slack-failure.js';

/**
 * The one place where anything that went wrong becomes words for the person who asked: their own
 * mistake (a TrackerError, explained by the core), Slack refusing a call (explained here), or a fault
 * of ours (logged with a reference they can quote).
 */
export function answerForError(error: unknown, log: Logger, context: Record<string, unknown>): Message {
  if (error instanceof TrackerError) return errorMessage(error);
  const failure = slackFailure(error);
  if (failure) {
    log.warn({ err: error, slack: failure, ...context }, 'Slack API call failed');
    return notice(`⚠️ ${slackProblemText(failure)}`);
  }
  const reference = randomUUID().slice(0, 8);
  log.error({ err: error, reference, ...context }, 'Slack request failed');
  return internalErrorMessage(reference);
}

/** What a Slack error code means for the person, and what they (or an admin) can do about it. */
export function slackProblemText(failure: SlackFailure): string {
  switch (failure.code) {
    case 'ratelimited':
      return `Slack is asking this app to slow down right now. Nothing was lost; try again in ${waitText(failure.retryAfterMs)}.`;
    case 'channel_not_found':
      return 'I cannot see that channel. If it is private, invite me first with `/invite @followthrough`.';
    case 'not_in_channel':
      return 'I am not a member of that channel. Invite me with `/invite @followthrough`, then try again.';
    case 'is_archived':
      return 'That channel is archived, so nothing can be posted there.';
    case 'token_revoked':
    case 'token_expired':
    case 'invalid_auth':
    case 'not_authed':
    case 'account_inactive':
    case 'team_access_not_granted':
      return "This app's Slack token is no longer valid (the app was removed or its token revoked). Ask a workspace admin to reinstall followthrough.";
    case 'missing_scope':
      return 'The Slack app lacks a permission it needs. Ask a workspace admin to update it from adapters/slack/manifest.yml and reinstall it.';
    case 'expired_trigger_id':
    case 'trigger_expired':
      return 'Slack took too long to open the form. Please click the button again.';
    case 'response_url_failed':
      return 'Slack no longer accepts answers to that message (it is too old). Run the command again.';
    case 'request_failed':
      return 'I could not reach Slack. Nothing was lost; please try again in a minute.';
    default:
      return failure.code.startsWith('http_5')
        ? 'Slack is having trouble right now. Nothing was lost; please try again in a minute.'
        : `Slack refused the request (${failure.code}).`;
  }
}

/** Said after the command itself succeeded, when only telling the channel about it failed. */
export function announcementProblem(error: unknown, log: Logger, context: Record<string, unknown>): Message {
  const failure = slackFailure(error);
  log.warn({ err: error, slack: failure, ...context }, 'could not announce in channel');
  const why = failure ? slackProblemText(failure) : 'The delivery queue could not take the post.';
  return notice(`Saved, but I could not tell the channel about it. ${why}`);
}

function waitText(ms: number | undefined): string {
  if (ms === undefined) return 'a minute';
  const secondsLeft = Math.max(1, Math.ceil(ms / 1000));
  return secondsLeft === 1 ? '1 second' : `${secondsLeft} seconds`;
}
