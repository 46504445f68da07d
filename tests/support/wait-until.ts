import type { Queue } from 'bullmq';

/** Polls until the condition holds; fails with `what` after the timeout. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
  intervalMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Until none of the queues has a job waiting, delayed, running or retrying. */
export async function waitForDrain(queues: readonly Queue[], timeoutMs = 15_000): Promise<void> {
  await waitUntil(
    async () => {
      for (const queue of queues) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        if (Object.values(counts).some((count) => count > 0)) return false;
      }
      return true;
    },
    `queues ${queues.map((queue) => queue.name).join(', ')} to drain`,
    timeoutMs,
  );
}
