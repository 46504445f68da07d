import type { Cluster, Redis } from 'ioredis';
import type { ScoreSnapshots } from '../../src/digest/scoreboard.js';
import type { SchedulerKeys } from '../scheduler-keys.js';

/** Two weeks' worth is all that is compared; a little more covers a scoreboard posted late. */
const KEPT_SECONDS = 21 * 86_400;

/** Each week's scoreboard figures, one small JSON value a week: what "change since last week" reads. */
export class ScoreboardSnapshots {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly keys: SchedulerKeys,
  ) {}

  /** Keeps the week's figures unless a run this week kept them already: the first run's stand. */
  async keep(week: string, figures: ScoreSnapshots): Promise<void> {
    await this.redis.set(
      this.keys.scoreboardFigures(week),
      JSON.stringify(figures),
      'EX',
      KEPT_SECONDS,
      'NX',
    );
  }

  async read(week: string): Promise<ScoreSnapshots | undefined> {
    const stored = await this.redis.get(this.keys.scoreboardFigures(week));
    return stored ? (JSON.parse(stored) as ScoreSnapshots) : undefined;
  }
}
