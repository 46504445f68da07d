import { personKey } from '../model/platform.js';
import { ACTIVE_STATUSES, isClosed } from '../model/status.js';
import { ATTENTION_STATUSES, scoreArgument } from './commitment-indexes.js';
import type { CommitmentQuery, DueRange } from './commitment-store.js';
import type { CommitmentKeys } from './redis-keys.js';

/** A query as index zsets to read: merged in score order within [min, max). */
export interface IndexRange {
  keys: string[];
  /** Inclusive lower bound, or '-inf'. */
  min: string;
  /** Exclusive upper bound, or '+inf' for none (undated items included). */
  max: string;
  order: 'asc' | 'desc';
  /** A zset whose members are left out. */
  exclude?: string;
  /** The keys are disjoint and nothing is left out, so the total is the sum of their counts. */
  countable: boolean;
}

/** Where a query's answer lives; `all` lives in the id sequence itself and has no range. */
export function indexRange(
  query: Exclude<CommitmentQuery, { kind: 'all' }>,
  keys: CommitmentKeys,
): IndexRange {
  switch (query.kind) {
    case 'open':
      return dueRange(ACTIVE_STATUSES.map(keys.openByStatus), query.due);
    case 'open-for-agency':
      return dueRange([keys.openForAgency(query.agency)], query.due);
    case 'open-for-agencies': {
      const range = dueRange(query.agencies.map(keys.openForAgency));
      if (query.notOf) range.exclude = keys.openForPerson(personKey(query.notOf));
      range.countable = query.agencies.length === 1 && !query.notOf;
      return range;
    }
    case 'open-for-person':
      return dueRange([keys.openForPerson(personKey(query.person))]);
    case 'open-in-area':
      return dueRange([keys.openInArea(query.area)]);
    case 'attention-for-agency':
      return dueRange(ATTENTION_STATUSES.map((status) => keys.openForAgencyInStatus(query.agency, status)));
    case 'status':
      return isClosed(query.status)
        ? {
            keys: [keys.closedByStatus(query.status)],
            min: '-inf',
            max: '+inf',
            order: 'desc',
            countable: true,
          }
        : dueRange([keys.openByStatus(query.status)]);
    case 'due-for-agency':
      return dueRange([keys.openForAgency(query.agency), keys.doneByDueForAgency(query.agency)], {
        from: query.from,
        before: query.until,
      });
    case 'done-between':
    case 'done-for-agency':
      return {
        keys: [
          query.kind === 'done-between' ? keys.closedByStatus('done') : keys.doneForAgency(query.agency),
        ],
        min: scoreArgument(query.from),
        max: scoreArgument(query.until),
        order: 'asc',
        countable: true,
      };
  }
}

function dueRange(indexKeys: string[], due: DueRange = {}): IndexRange {
  return {
    keys: indexKeys,
    min: due.from === undefined ? '-inf' : scoreArgument(due.from),
    max: due.before === undefined ? '+inf' : scoreArgument(due.before),
    order: 'asc',
    countable: true,
  };
}

/** ZCOUNT's bounds for the same range: max exclusive, unless there is none. */
export function countBounds(range: IndexRange): [min: string, max: string] {
  return [range.min, range.max === '+inf' ? '+inf' : `(${range.max}`];
}
