/**
 * Teams threads are conversations of their own: a reply in a channel thread goes to the conversation id
 * `<channel id>;messageid=<root id>` (Teams ignores `replyToId`). The channel itself is the id without
 * that suffix.
 */
const THREAD_SUFFIX = /;messageid=([^;]+)$/i;

/** The channel, group chat or personal chat an id belongs to, without any thread suffix. */
export function baseConversationId(conversationId: string): string {
  return conversationId.replace(THREAD_SUFFIX, '');
}

/** The root message of the thread the id names, if it names one. */
export function threadRootId(conversationId: string): string | undefined {
  return THREAD_SUFFIX.exec(conversationId)?.[1];
}

/** The conversation id that posts into the thread under `rootMessageId`. */
export function threadConversationId(conversationId: string, rootMessageId: string): string {
  return `${baseConversationId(conversationId)};messageid=${rootMessageId}`;
}
