import type { Readiness } from '../src/ports/readiness.js';

/** The parts a process needs to do its work, each with its own check, by name. */
export type ReadinessChecks = Record<string, () => Promise<Readiness>>;

export interface ReadinessReport {
  status: 'ready' | 'not ready';
  /** The names of the parts that are not ready, so that the answer says where to look. */
  failing: string[];
  checks: Record<string, Readiness>;
}

/** Runs every check at once; one that does not answer within `waitMs` counts as not ready. */
export async function checkReadiness(checks: ReadinessChecks, waitMs: number): Promise<ReadinessReport> {
  const names = Object.keys(checks);
  const results = await Promise.all(names.map((name) => withinTime(checks[name]!(), waitMs)));
  const byName = Object.fromEntries(names.map((name, i) => [name, results[i]!]));
  const failing = names.filter((name) => !byName[name]!.ok);
  return { status: failing.length === 0 ? 'ready' : 'not ready', failing, checks: byName };
}

/**
 * A check of an outside service (Slack, Microsoft Entra ID) answered from its last result for a while,
 * so that a probe every few seconds does not become a call every few seconds.
 */
export function cachedCheck(check: () => Promise<Readiness>, ttlMs: number): () => Promise<Readiness> {
  let last: { at: number; result: Promise<Readiness> } | undefined;
  return () => {
    if (!last || Date.now() - last.at >= ttlMs) last = { at: Date.now(), result: check() };
    return last.result;
  };
}

function withinTime(check: Promise<Readiness>, waitMs: number): Promise<Readiness> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${waitMs} ms` }), waitMs);
    check.then(
      (result) => {
        clearTimeout(timer);
        resolve(result);
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ ok: false, detail: error instanceof Error ? error.message : String(error) });
      },
    );
  });
}
