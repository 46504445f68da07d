import type { Logger } from 'pino';

/** The part of a pino logger the jobs floor uses, so that tests can pass a silent or recording one. */
export type SchedulerLog = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
