import { CronExpressionParser } from 'cron-parser';

/** A cron expression BullMQ's job schedulers will accept: 5 fields, or 6 with seconds first. */
export function isValidCron(expression: string): boolean {
  if (![5, 6].includes(expression.trim().split(/\s+/).length)) return false;
  try {
    CronExpressionParser.parse(expression, { tz: 'UTC' });
    return true;
  } catch {
    return false;
  }
}
