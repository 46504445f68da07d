import { personKey } from '../model/platform.js';
import { ACTIVE_STATUSES, isClosed } from '../model/status.js';
import { type Audience, agencyMark, personMark } from '../model/visibility.js';
import { ATTENTION_STATUSES, scoreArgument } from './commitment-indexes.js';
import type { CommitmentQuery, DueRange } from './commitment-store.js';
import type { CommitmentKeys } from './redis-keys.js';
import { readerMarks } from './restricted-marks.js';

/** A query as index zsets to read: merged in score order within [min, max). */
export interface IndexRange {
  keys: string[];
  /**
   * Per key: 0 for an index of what anyone may see (no other key holds its members); n > 0 for a
   * restricted counterpart read under the reader's nth mark, which may share members with another
   * mark's (a commitment of the reader's agency that the reader also owns) but not with its own.
   */
  groups: number[];
  /** Inclusive lower bound, or '-inf'. */
  min: string;
  /** Exclusive upper bound, or '+inf' for none (undated items included). */
  max: string;
  order: 'asc' | 'desc';
  /** Zsets whose members are left out. */
  exclude: string[];
  /** The total can be counted: nothing is left out, and the indexes read share no member but as `groups` says. */
  countable: boolean;
}

/** Every query but `all`, which is read from the id sequence (`newest-page.lua`). */
export type IndexedQuery = Exclude<CommitmentQuery, { kind: 'all' }>;

/** An index, and whose it is (`agency:MITI`, `person:slack:U1`) when it is someone's. */
interface Source {
  key: string;
  about?: string;
}

interface BaseRange {
  sources: Source[];
  min: string;
  max: string;
  order: 'asc' | 'desc';
  exclude?: Source;
  countable: boolean;
}

/**
 * Where a query's answer lives for an audience: the indexes of what anyone may see, and their
 * restricted counterparts under each mark the audience sees restricted commitments by.
 */
export function indexRange(query: IndexedQuery, keys: CommitmentKeys, audience: Audience): IndexRange {
  const base = baseRange(query, keys);
  const range: IndexRange = {
    keys: base.sources.map((source) => source.key),
    groups: base.sources.map(() => 0),
    min: base.min,
    max: base.max,
    order: base.order,
    exclude: [],
    countable: base.countable,
  };
  for (const source of base.sources) {
    readerMarks(audience, source.about).forEach((mark, i) => {
      range.keys.push(keys.restricted(source.key, mark));
      range.groups.push(i + 1);
    });
  }
  if (base.exclude) {
    const { key, about } = base.exclude;
    range.exclude = [key, ...readerMarks(audience, about).map((mark) => keys.restricted(key, mark))];
    range.countable = false;
  }
  return range;
}

function baseRange(query: IndexedQuery, keys: CommitmentKeys): BaseRange {
  const ofAgency = (code: string, key: string): Source => ({ key, about: agencyMark(code) });
  switch (query.kind) {
    case 'open':
      return dueRange(
        ACTIVE_STATUSES.map((status) => ({ key: keys.openByStatus(status) })),
        query.due,
      );
    case 'open-for-agency':
      return dueRange([ofAgency(query.agency, keys.openForAgency(query.agency))], query.due);
    case 'open-for-agencies': {
      const range = dueRange(query.agencies.map((code) => ofAgency(code, keys.openForAgency(code))));
      if (query.notOf) {
        range.exclude = {
          key: keys.openForPerson(personKey(query.notOf)),
          about: personMark(query.notOf),
        };
      }
      range.countable = query.agencies.length === 1;
      return range;
    }
    case 'open-for-person':
      return dueRange([
        { key: keys.openForPerson(personKey(query.person)), about: personMark(query.person) },
      ]);
    case 'open-in-area':
      return dueRange([{ key: keys.openInArea(query.area) }]);
    case 'attention-for-agency':
      return dueRange(
        ATTENTION_STATUSES.map((status) =>
          ofAgency(query.agency, keys.openForAgencyInStatus(query.agency, status)),
        ),
      );
    case 'status':
      return isClosed(query.status)
        ? {
            sources: [{ key: keys.closedByStatus(query.status) }],
            min: '-inf',
            max: '+inf',
            order: 'desc',
            countable: true,
          }
        : dueRange([{ key: keys.openByStatus(query.status) }]);
    case 'due-for-agency':
      return dueRange(
        [
          ofAgency(query.agency, keys.openForAgency(query.agency)),
          ofAgency(query.agency, keys.doneByDueForAgency(query.agency)),
        ],
        { from: query.from, before: query.until },
      );
    case 'done-between':
    case 'done-for-agency':
      return {
        sources: [
          query.kind === 'done-between'
            ? { key: keys.closedByStatus('done') }
            : ofAgency(query.agency, keys.doneForAgency(query.agency)),
        ],
        min: scoreArgument(query.from),
        max: scoreArgument(query.until),
        order: 'asc',
        countable: true,
      };
  }
}

function dueRange(sources: Source[], due: DueRange = {}): BaseRange {
  return {
    sources,
    min: due.from === undefined ? '-inf' : scoreArgument(due.from),
    max: due.before === undefined ? '+inf' : scoreArgument(due.before),
    order: 'asc',
    countable: true,
  };
}
