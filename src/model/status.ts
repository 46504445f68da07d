export const STATUSES = ['open', 'in-progress', 'at-risk', 'blocked', 'done', 'cancelled'] as const;
export type Status = (typeof STATUSES)[number];

export const ACTIVE_STATUSES: readonly Status[] = ['open', 'in-progress', 'at-risk', 'blocked'];
export const CLOSED_STATUSES: readonly Status[] = ['done', 'cancelled'];

export function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}

export function isClosed(status: Status): boolean {
  return CLOSED_STATUSES.includes(status);
}

/**
 * Work moves freely between the active states; it leaves them only by being done or cancelled,
 * and comes back only by being reopened, so that closing always records who closed it and why.
 */
export function canTransition(from: Status, to: Status): boolean {
  if (from === to) return false;
  if (isClosed(from)) return to === 'open';
  return true;
}
