import { isValidCron } from './cron.js';

const DAY_NAMES = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
const DAY_PREFIXES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const TIME = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/;

/**
 * `mon 09:00`, `monday at 9am`, `mon,thu 17:30`, `weekdays 08:30`, `daily 9:00`: days and a time of day as
 * the 5-field cron (`0 9 * * 1`) a job scheduler runs, read in the agency's zone; undefined when the
 * words are not that.
 */
export function readWeeklyTime(text: string): string | undefined {
  const match = /^(.+?)\s+(?:at\s+)?(\d{1,2}(?::\d{2})?\s*(?:am|pm)?)$/i.exec(text.trim());
  if (!match) return undefined;
  const days = readDays(match[1]!.toLowerCase());
  const time = readTime(match[2]!.toLowerCase());
  if (!days || !time) return undefined;
  return `${time.minute} ${time.hour} * * ${days}`;
}

function readDays(text: string): string | undefined {
  if (text === 'daily' || text === 'every day') return '*';
  if (text === 'weekdays') return '1-5';
  const days = text.split(/\s*(?:,|\band\b)\s*/).filter(Boolean);
  const numbers = days.map((day) => {
    const index = DAY_PREFIXES.indexOf(day.slice(0, 3));
    const full = index === -1 ? '' : DAY_NAMES[index]!.toLowerCase();
    return index !== -1 && full.startsWith(day.replace(/s$/, '')) ? index : -1;
  });
  if (numbers.length === 0 || numbers.includes(-1)) return undefined;
  return [...new Set(numbers)].sort((a, b) => a - b).join(',');
}

function readTime(text: string): { hour: number; minute: number } | undefined {
  const match = TIME.exec(text.replace(/\s+/g, ''));
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  if (match[3]) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (match[3] === 'pm' ? 12 : 0);
  } else if (match[2] === undefined) {
    return undefined;
  }
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

/** A cron as its days and time in words (`Mondays at 09:00`), or `cron "…"` when it is not that simple. */
export function weeklyTimeWords(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  const [minute, hour, dayOfMonth, month, weekdays] = fields.length === 5 ? fields : [];
  const simple = (value: string | undefined) => value !== undefined && /^\d{1,2}$/.test(value);
  if (!simple(minute) || !simple(hour) || dayOfMonth !== '*' || month !== '*' || !weekdays) {
    return `cron "${cron}"`;
  }
  const time = `${hour!.padStart(2, '0')}:${minute!.padStart(2, '0')}`;
  if (weekdays === '*') return `every day at ${time}`;
  if (weekdays === '1-5') return `weekdays at ${time}`;
  const days = weekdays.split(',').map((day) => DAY_NAMES[Number(day) % 7]);
  if (days.some((day) => day === undefined)) return `cron "${cron}"`;
  const list = days.length === 1 ? days[0] : `${days.slice(0, -1).join(', ')} and ${days.at(-1)}`;
  return `${list} at ${time}`;
}

/** A cron as typed, when it is one a job scheduler accepts. */
export function readCron(text: string): string | undefined {
  const cron = text.trim().replace(/\s+/g, ' ');
  return isValidCron(cron) ? cron : undefined;
}
