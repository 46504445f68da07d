import { defineConfig } from 'vitest/config';

/**
 * Host zones the time-critical suites run under, besides the full run's own zone (CI: America/Sao_Paulo):
 * where the servers are expected to sit (Kuala Lumpur), far east with daylight saving (Auckland), far
 * west with daylight saving (Los Angeles), and UTC. An answer that leans on the machine's zone differs
 * between them.
 */
export const HOST_ZONES = ['UTC', 'Asia/Kuala_Lumpur', 'Pacific/Auckland', 'America/Los_Angeles'];

/** The date, calendar, parser, reminder-planning and digest-week suites: pure, fast, and zone-sensitive. */
const ZONE_SUITES = [
  'tests/unit/parse-deadline.test.ts',
  'tests/unit/deadline-weekday-rule.test.ts',
  'tests/unit/parse-command.test.ts',
  'tests/unit/parse-command-changes.test.ts',
  'tests/unit/add-deadline-words.test.ts',
  'tests/unit/time-display.test.ts',
  'tests/unit/iso-deadline.test.ts',
  'tests/unit/model-rag.test.ts',
  'tests/unit/calendar-working-days.test.ts',
  'tests/unit/operator-holidays.test.ts',
  'tests/unit/ics-holidays.test.ts',
  'tests/unit/reminder-times.test.ts',
  'tests/unit/reminder-occasion.test.ts',
  'tests/unit/digest.test.ts',
  'tests/unit/zone-boundaries.test.ts',
  'tests/unit/recurrence-rules.test.ts',
  'tests/unit/parse-command-every.test.ts',
  'tests/unit/checkin-schedule.test.ts',
];

/** Checks that a zone run really runs in its zone, so that four runs cannot quietly be one. */
const HOST_ZONE_CHECK = 'tests/unit/host-zone.test.ts';

/** The store, scheduler and delivery suites, run a second time on a three-master Redis Cluster. */
const ON_A_CLUSTER = [
  'tests/integration/commitment-store.test.ts',
  'tests/integration/store-indexes.property.test.ts',
  'tests/integration/agency-store.test.ts',
  'tests/integration/store-migration.test.ts',
  'tests/integration/digest-data.test.ts',
  'tests/integration/bounded-reads.test.ts',
  'tests/integration/channel-pacer.test.ts',
  'tests/integration/backup-pages.test.ts',
  'tests/integration/backup-restore.test.ts',
  'tests/integration/backup-refusals.test.ts',
  'tests/integration/backup-visibility.test.ts',
  'tests/integration/scheduler-reminders.test.ts',
  'tests/integration/scheduler-delivery.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        extends: true,
        test: {
          name: 'all',
          include: ['tests/**/*.test.ts'],
          exclude: [HOST_ZONE_CHECK],
          globalSetup: ['tests/support/global-redis.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'cluster',
          include: ON_A_CLUSTER,
          globalSetup: ['tests/support/global-redis-cluster.ts'],
        },
      },
      ...HOST_ZONES.map((zone) => ({
        extends: true as const,
        test: {
          name: `host ${zone}`,
          include: [...ZONE_SUITES, HOST_ZONE_CHECK],
          env: { TZ: zone, EXPECTED_HOST_ZONE: zone },
        },
      })),
    ],
  },
});
