/**
 * A pattern that matches exactly one of `ids`, for registering one Bolt listener for several action or
 * callback ids. Bolt runs the matchers of every registered listener on every request it receives, a
 * slash command included, so each listener costs every request something: one listener for a family of
 * buttons or modals costs what one costs, not what five do.
 */
export function anyOf(ids: readonly string[]): RegExp {
  if (ids.length === 0) throw new Error('anyOf needs at least one id');
  const escaped = ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^(?:${escaped.join('|')})$`);
}
