import type { Commitment } from '../../src/model/commitment.js';
import type { CommitmentQuery, CommitmentStore } from '../../src/store/commitment-store.js';
import { eachPage } from '../../src/store/each-page.js';

/** Everything a query holds, page by page, for assertions about what is stored. */
export async function readAll(store: CommitmentStore, query: CommitmentQuery): Promise<Commitment[]> {
  const all: Commitment[] = [];
  for await (const page of eachPage(store, query)) all.push(...page);
  return all;
}

/** Every commitment, newest first. */
export function allCommitments(store: CommitmentStore): Promise<Commitment[]> {
  return readAll(store, { kind: 'all' });
}
