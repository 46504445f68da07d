// The benchmark's tracker: 35 agencies, each with a Slack channel, and commitments shaped like a real
// delivery unit's: one or two owners, a deadline from two months ago to ten months ahead, an area and
// a source, an owner person for some, most open and a tenth done. The same seed gives the same data.
import type { Agency } from '../src/model/agency.js';
import type { Commitment } from '../src/model/commitment.js';
import type { Deadline } from '../src/model/deadline.js';
import type { HistoryEvent } from '../src/model/history-event.js';
import type { Status } from '../src/model/status.js';
import type { CommitmentDraft, CommitmentStore } from '../src/store/commitment-store.js';
import type { RedisAgencyStore } from '../src/store/redis-agency-store.js';

export const AGENCY_COUNT = 35;
const DAY_MS = 86_400_000;
const ZONES = ['Asia/Kuala_Lumpur', 'Asia/Kolkata', 'Asia/Singapore', 'Europe/London', 'Asia/Jakarta'];
const AREAS = ['defence', 'security', 'trade', 'semiconductors', 'digital', 'energy', 'people', 'health'];
const VERBS = ['Launch', 'Convene', 'Sign', 'Publish', 'Pilot', 'Review', 'Agree', 'Establish'];
const THINGS = [
  'the joint working group on semiconductor supply chains',
  'a memorandum on local-currency settlement',
  'the maritime security dialogue',
  'the digital payments interlinking pilot',
  'a skills exchange for nurses and technicians',
  'the renewable energy investment roadmap',
  'terms of reference for the customs data exchange',
  'the annual defence industry roundtable',
];
const PEOPLE = 200;

export function agencyCode(i: number): string {
  return `AG${String(i + 1).padStart(2, '0')}`;
}

export function benchAgencies(): Agency[] {
  return Array.from({ length: AGENCY_COUNT }, (_, i) => ({
    code: agencyCode(i),
    name: `Ministry number ${i + 1}`,
    timeZone: ZONES[i % ZONES.length]!,
    country: i % 2 === 0 ? 'MY' : 'IN',
    channels: [{ platform: 'slack', id: `CAG${String(i + 1).padStart(2, '0')}` }],
  }));
}

/** A small fast PRNG, so that runs compare like with like. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeededCommitment {
  draft: CommitmentDraft;
  created: HistoryEvent;
  /** The one change it gets after it was created: its short history's second event. */
  change: (stored: Commitment) => { next: Commitment; event: HistoryEvent };
}

/** The i-th commitment of the data set, as of `now`. */
export function seededCommitment(i: number, now: number, rand: () => number): SeededCommitment {
  const lead = Math.floor(rand() * AGENCY_COUNT);
  const owners = [agencyCode(lead)];
  if (rand() < 0.33)
    owners.push(agencyCode((lead + 1 + Math.floor(rand() * (AGENCY_COUNT - 1))) % AGENCY_COUNT));
  const dueDay = new Date(now + Math.floor(-60 + rand() * 360) * DAY_MS).toISOString().slice(0, 10);
  const deadline: Deadline = { kind: 'date', date: dueDay };
  const createdAt = new Date(now - Math.floor(90 + rand() * 90) * DAY_MS).toISOString();
  const by = `slack:U${String(Math.floor(rand() * PEOPLE)).padStart(4, '0')}`;
  const title = `${VERBS[i % VERBS.length]} ${THINGS[Math.floor(rand() * THINGS.length)]}`;
  const person =
    rand() < 0.4
      ? { platform: 'slack' as const, userId: `U${String(Math.floor(rand() * PEOPLE)).padStart(4, '0')}` }
      : undefined;
  const draft: CommitmentDraft = {
    title,
    owners,
    ...(person ? { person } : {}),
    deadline,
    area: AREAS[Math.floor(rand() * AREAS.length)],
    source: `Joint statement 2024, para ${1 + Math.floor(rand() * 40)}`,
    status: 'open',
    notes: [],
    createdBy: by,
    createdAt,
    updatedBy: by,
    updatedAt: createdAt,
  };
  const created: HistoryEvent = {
    at: createdAt,
    by,
    type: 'created',
    changes: { title: { after: title }, owners: { after: owners }, deadline: { after: deadline } },
  };
  const roll = rand();
  const changedAt = new Date(now - Math.floor(rand() * 60) * DAY_MS).toISOString();
  const change = (stored: Commitment): { next: Commitment; event: HistoryEvent } => {
    const status: Status =
      roll < 0.7
        ? 'open'
        : roll < 0.8
          ? 'in-progress'
          : roll < 0.85
            ? 'at-risk'
            : roll < 0.88
              ? 'blocked'
              : roll < 0.98
                ? 'done'
                : 'cancelled';
    const closed = status === 'done' || status === 'cancelled';
    if (status === 'open') {
      const note = { at: changedAt, by, text: 'Draft terms of reference circulated to both sides' };
      return {
        next: { ...stored, notes: [note], updatedAt: changedAt },
        event: { at: changedAt, by, type: 'note-added' as const, changes: { note: { after: note.text } } },
      };
    }
    return {
      next: {
        ...stored,
        status,
        updatedAt: changedAt,
        ...(closed
          ? { closedAt: changedAt, closedBy: by, closingNote: 'Completed, see the joint press release' }
          : {}),
      },
      event: {
        at: changedAt,
        by,
        type: closed ? (status as 'done' | 'cancelled') : ('status-changed' as const),
        changes: { status: { before: 'open', after: status } },
      },
    };
  };
  return { draft, created, change };
}

/** Stores `count` commitments, each created and then changed once, `concurrency` at a time. */
export async function seedCommitments(
  store: CommitmentStore,
  count: number,
  now: number,
  options: { seed?: number; concurrency?: number } = {},
): Promise<void> {
  const rand = random(options.seed ?? 7);
  const plans = Array.from({ length: count }, (_, i) => seededCommitment(i, now, rand));
  let next = 0;
  const worker = async () => {
    while (next < plans.length) {
      const plan = plans[next++]!;
      const stored = await store.create(plan.draft, plan.created);
      const { next: changed, event } = plan.change(stored);
      await store.save(stored, changed, event);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 64 }, worker));
}

export async function seedAgencies(agencies: RedisAgencyStore): Promise<void> {
  for (const agency of benchAgencies()) await agencies.put(agency);
}
