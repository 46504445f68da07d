import { decodeEntities } from './html-text.js';

/**
 * Turns the text of a Teams message into command text: the bot's own mention is dropped, every other
 * person mention becomes the canonical `<@ID|name>` the parser reads, and Teams' HTML leftovers go.
 */

export interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name?: string; aadObjectId?: string };
}

/** A mentioned person as the tracker will know them. */
export interface MentionedPerson {
  userId: string;
  name?: string;
}

/** The mention entities of an activity, in the order Teams lists them. */
export function mentionEntities(entities: readonly unknown[] | undefined): MentionEntity[] {
  return (entities ?? []).filter((entity): entity is MentionEntity => {
    const e = entity as Partial<MentionEntity> | null;
    return e?.type === 'mention' && typeof e.text === 'string' && typeof e.mentioned?.id === 'string';
  });
}

/**
 * Person mentions to resolve: not the bot, not a channel, team or tag (ids `19:…`), each id once.
 * Teams may split one mention of a multi-word name into several entities with the same id.
 */
export function mentionedUserIds(entities: readonly MentionEntity[], botId: string): string[] {
  const ids = entities.map((entity) => entity.mentioned.id).filter((id) => id !== botId && isPersonId(id));
  return [...new Set(ids)];
}

const PLACEHOLDER = /\uE000(\d+)\uE001/g;
const FORMATTING_TAG = /<\/?(?:p|div|span|b|i|u|s|em|strong|br)(?:\s[^<>]*)?\/?>/gi;

/**
 * `people` maps a mentioned id to the person it resolved to; a mention not in it keeps its id.
 * Mentions of the bot vanish; channel and tag mentions stay as their plain names.
 */
export function commandText(
  text: string,
  entities: readonly MentionEntity[],
  botId: string,
  people: ReadonlyMap<string, MentionedPerson>,
): string {
  let working = text.replace(/[\uE000\uE001]/g, '');
  entities.forEach((entity, index) => {
    working = working.replace(entity.text, `\uE000${index}\uE001`);
  });
  working = decodeEntities(working.replace(/<br\s*\/?>/gi, ' ').replace(FORMATTING_TAG, ''))
    // A literal `<@…>` typed by someone is text, not a mention.
    .replace(/<@/g, '<\u2060@');
  // One person whose mention Teams split into several adjacent entities counts once.
  working = working.replace(/(\uE000(\d+)\uE001)(\s*\uE000(\d+)\uE001)+/g, (run) => {
    const indexes = [...run.matchAll(PLACEHOLDER)].map((m) => Number(m[1]));
    const ids = indexes.map((i) => entities[i]!.mentioned.id);
    return ids.every((id) => id === ids[0]) ? `\uE000${indexes[0]}\uE001` : run;
  });
  working = working.replace(PLACEHOLDER, (_match, raw: string) => {
    const entity = entities[Number(raw)]!;
    const id = entity.mentioned.id;
    if (id === botId) return ' ';
    const label = stripTags(entity.text);
    if (!isPersonId(id)) return label;
    const person = people.get(id) ?? { userId: id, name: entity.mentioned.name ?? label };
    const name = (person.name ?? '').replace(/[<>|]/g, '').trim();
    return ` <@${person.userId}${name ? `|${name}` : ''}> `;
  });
  return working.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Team, channel and tag mentions carry `19:` conversation ids; people carry user ids. */
function isPersonId(id: string): boolean {
  return !id.startsWith('19:');
}

function stripTags(value: string): string {
  return decodeEntities(value.replace(/<[^>]*>/g, '')).trim();
}
