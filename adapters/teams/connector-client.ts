import type { Activity, TurnContext } from 'botbuilder';

/**
 * The part of botframework-connector's ConnectorClient this adapter calls. botbuilder does not export the
 * class, so it is described here and read from the turn state where CloudAdapter puts it.
 */
export interface ConnectorConversations {
  sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
  updateActivity(
    conversationId: string,
    activityId: string,
    activity: Partial<Activity>,
  ): Promise<{ id?: string }>;
}

interface ConnectorClientLike {
  conversations: ConnectorConversations;
  /** The @azure/core-client service client under the connector, whose pipeline retries by default. */
  client?: { pipeline?: { removePolicy(options: { phase?: string }): unknown } };
}

export function connectorOf(context: TurnContext): ConnectorConversations {
  const client = context.turnState.get(context.adapter.ConnectorClientKey) as ConnectorClientLike | undefined;
  if (!client) throw new Error('CloudAdapter left no connector client in the turn state');
  return client.conversations;
}

/**
 * The connector's HTTP pipeline retries 429s and 5xx by itself, sleeping through `Retry-After`. That would
 * hold a worker (and, in a turn, Teams' request, which then times out and is redelivered), so the retry
 * phase is removed: failures surface at once and the delivery queue owns retries.
 */
export function disableConnectorRetries(context: TurnContext): void {
  const client = context.turnState.get(context.adapter.ConnectorClientKey) as ConnectorClientLike | undefined;
  client?.client?.pipeline?.removePolicy({ phase: 'Retry' });
}
