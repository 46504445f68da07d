import type { Commitment } from '../model/commitment.js';
import type { CommitmentQuery, CommitmentStore } from './commitment-store.js';

/** Commitments a job or a command-line tool reads per round trip when it goes through a whole query. */
export const BATCH_SIZE = 500;

/**
 * A whole query, one page at a time, for the jobs and tools that do go through everything (start-up
 * replanning, an export): memory holds one page, never the store. An item that moves within the index
 * while it is being read may be met twice or not at all; every such reader is idempotent and run again.
 */
export async function* eachPage(
  store: CommitmentStore,
  query: CommitmentQuery,
  batchSize: number = BATCH_SIZE,
): AsyncGenerator<Commitment[]> {
  for (let offset = 0; ; offset += batchSize) {
    const page = await store.page(query, { offset, limit: batchSize });
    if (page.items.length > 0) yield page.items;
    if (!page.more) return;
  }
}
