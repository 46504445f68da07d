import type { Cluster, Redis } from 'ioredis';
import { type ChannelRef, channelKey } from '../../src/model/platform.js';
import { LuaScript } from '../../src/store/lua-script.js';
import type { SchedulerKeys } from '../scheduler-keys.js';

/**
 * Posts per channel, paced across every worker through a timeline per channel in Redis. BullMQ's limiter
 * works per queue, and one busy channel must not hold up the others, so each post reserves its own slot
 * in its channel's timeline, a gap after the one reserved before it, and its job waits in the delayed
 * set until then: once, however long the backlog, so the Redis work of a post does not grow with it.
 */
export class ChannelPacer {
  private readonly reserveScript: LuaScript;
  private readonly holdScript: LuaScript;

  constructor(
    redis: Redis | Cluster,
    private readonly keys: SchedulerKeys,
    private readonly gapMs: (channel: ChannelRef) => number,
  ) {
    this.reserveScript = new LuaScript(
      redis,
      'followthroughPaceReserve',
      new URL('./pace-reserve.lua', import.meta.url),
    );
    this.holdScript = new LuaScript(
      redis,
      'followthroughPaceHold',
      new URL('./pace-hold.lua', import.meta.url),
    );
  }

  /**
   * The instant the post goes: its slot, or a moment later when the post before it went late. At most
   * `shortWaitMs` away it is the post's for certain (recorded as the channel's last post); further
   * away, the post waits and asks again with it as `reserved`, which it keeps unless a 429 has held
   * the channel past it since.
   */
  async reserve(channel: ChannelRef, now: number, shortWaitMs: number, reserved?: number): Promise<number> {
    const key = channelKey(channel);
    const gap = String(Math.max(0, this.gapMs(channel)));
    return Number(
      await this.reserveScript.run(
        [this.keys.pace(key), this.keys.paceHold(key), this.keys.paceLast(key)],
        [String(now), gap, reserved === undefined ? '' : String(reserved), String(shortWaitMs)],
      ),
    );
  }

  /** After a 429: nobody posts to the channel before `until`. */
  async hold(channel: ChannelRef, now: number, until: number): Promise<void> {
    await this.holdScript.run([this.keys.paceHold(channelKey(channel))], [String(now), String(until)]);
  }
}
