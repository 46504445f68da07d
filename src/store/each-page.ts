import type { Commitment } from '../model/commitment.js';
import { type Audience, SEES_EVERYTHING } from '../model/visibility.js';
import type { CommitmentQuery, CommitmentStore } from './commitment-store.js';

/** Commitments a job or a command-line tool reads per round trip when it goes through a whole query. */
export const BATCH_SIZE = 500;

/**
 * A whole query, one page at a time, for the jobs and tools that do go through everything (start-up
 * replanning, an export): memory holds one page, never the store. An item that moves within the index
 * while it is being read may be met twice or not at all; every such reader is idempotent and run again.
 * Jobs and tools see every commitment, restricted or not, unless told whose view to read.
 */
export async function* eachPage(
  store: CommitmentStore,
  query: CommitmentQuery,
  options: { batchSize?: number; audience?: Audience } = {},
): AsyncGenerator<Commitment[]> {
  const batchSize = options.batchSize ?? BATCH_SIZE;
  for (let offset = 0; ; offset += batchSize) {
    const page = await store.page(query, { offset, limit: batchSize }, options.audience ?? SEES_EVERYTHING);
    if (page.items.length > 0) yield page.items;
    if (!page.more) return;
  }
}
