import { z } from 'zod';
import { type Holiday, holidayScopeText, parseHolidayScope } from '../model/holiday.js';
import type { HolidayStore } from '../store/holiday-store.js';
import { type BackupSection, backupSection } from './backup-section.js';
import { holidaySchema, holidayScopeField } from './model-schemas.js';

const holidaysRecord = z.strictObject({
  kind: z.literal('holidays'),
  scope: holidayScopeField,
  days: z.array(holidaySchema).min(1),
});

/**
 * `{"kind":"holidays","scope":"country:IN","days":[{"date":…,"name":…,"source":…}]}`: the operators'
 * non-working days of one country, state or agency, each with where it came from.
 */
export function holidayBackup(holidays: HolidayStore): BackupSection {
  return backupSection({
    name: 'holidays',
    kinds: ['holidays'],
    schema: holidaysRecord,
    async isEmpty() {
      for (const scope of await holidays.scopes()) if ((await holidays.list(scope)).length > 0) return false;
      return true;
    },
    async *read() {
      for (const scope of await holidays.scopes()) {
        const days = await holidays.list(scope);
        if (days.length > 0) yield [{ kind: 'holidays', scope: holidayScopeText(scope), days }];
      }
    },
    async write(records) {
      for (const { scope, days } of records) {
        await holidays.put(parseHolidayScope(scope)!, days as Holiday[]);
      }
    },
  });
}
