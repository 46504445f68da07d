import type { DeadlineMove } from './commitment-store.js';

/**
 * A deadline move as a member of the moves sorted set (scored by when it moved): `<id>@<version>|<JSON>`.
 * The commitment's version after the move keeps two moves of one commitment apart, even with the same
 * before and after.
 */
export function deadlineMoveMember(move: DeadlineMove, version: number): string {
  return `${move.id}@${version}|${JSON.stringify(move)}`;
}

/** The move a member holds, and the version of its commitment after it. */
export function readDeadlineMoveMember(member: string): { move: DeadlineMove; version: number } {
  const bar = member.indexOf('|');
  const at = member.lastIndexOf('@', bar);
  return {
    move: JSON.parse(member.slice(bar + 1)) as DeadlineMove,
    version: Number(member.slice(at + 1, bar)),
  };
}
