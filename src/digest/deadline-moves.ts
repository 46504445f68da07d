import { daysMoved, deadlineFromText } from '../messages/history-words.js';
import type { Commitment } from '../model/commitment.js';
import { leadAgency } from '../model/commitment.js';
import type { DeadlineMove } from '../store/commitment-store.js';

/** One recorded deadline move, with the commitment as it is now. */
export interface AgencyMove {
  move: DeadlineMove;
  commitment: Commitment;
}

/** A commitment whose deadline moved in a period: its moves in order and how far they took it in all. */
export interface MovedCommitment {
  commitment: Commitment;
  moves: DeadlineMove[];
  /** Net days the moves pushed the deadline out (negative when brought forward); 0 when unknowable. */
  slippageDays: number;
}

/** Days a single move pushed the deadline out; undefined when it set a first deadline or removed one. */
export function moveDays(move: DeadlineMove, leadTimeZone: string): number | undefined {
  const before = deadlineFromText(move.before);
  const after = deadlineFromText(move.after);
  return before && after ? daysMoved(before, after, leadTimeZone) : undefined;
}

/** The moves grouped per commitment, in the order each first moved. */
export function movedCommitments(
  moves: readonly AgencyMove[],
  timeZoneOf: (code: string) => string,
): MovedCommitment[] {
  const byId = new Map<string, MovedCommitment>();
  for (const { move, commitment } of moves) {
    const entry = byId.get(commitment.id) ?? { commitment, moves: [], slippageDays: 0 };
    entry.moves.push(move);
    entry.slippageDays += moveDays(move, timeZoneOf(leadAgency(commitment))) ?? 0;
    byId.set(commitment.id, entry);
  }
  return [...byId.values()];
}

/** Net days of slippage over all the moves. */
export function totalSlippage(moved: readonly MovedCommitment[]): number {
  return moved.reduce((sum, entry) => sum + entry.slippageDays, 0);
}

/** `19 days of slippage in total`, `2 days brought forward in total`, or `no change in days`. */
export function slippageWords(days: number): string {
  if (days === 0) return 'no days of slippage in total';
  const n = Math.abs(days);
  return days > 0
    ? `${n} day${n === 1 ? '' : 's'} of slippage in total`
    : `${n} day${n === 1 ? '' : 's'} brought forward in total`;
}
