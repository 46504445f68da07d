import type { Commitment } from '../model/commitment.js';
import type { PersonRef, Platform } from '../model/platform.js';
import { dueInlines, dueText } from './commitment-line.js';
import { commitmentCard } from './commitment-messages.js';
import type { Inline, Message } from './message.js';
import { mention, personName, section, strong, text } from './message.js';
import type { View } from './view.js';

/**
 * A reminder as posted in one agency channel: who it is for, what is due when, and the commitment's
 * buttons. A reminder is meant to notify, so the owner is called on (`mention`) on their own platform;
 * on another one a mention would point nowhere, so they are only named.
 */
export function reminderMessage(commitment: Commitment, view: View, platform: Platform): Message {
  const due = dueText(commitment, view);
  const lead: Inline[] = [text('⏰ Reminder: ')];
  if (commitment.person) lead.push(...owner(commitment.person, platform), text(', '));
  lead.push(strong(commitment.id), text(' is due '), ...dueInlines(commitment, view), text('.'));
  const card = commitmentCard(commitment, view);
  return {
    text: `Reminder: ${commitment.id} ${commitment.title} is due ${due}`,
    blocks: [section(...lead), ...card.blocks],
  };
}

function owner(person: PersonRef, platform: Platform): Inline[] {
  return person.platform === platform ? [mention(person)] : [personName(person)];
}
