import type { Cluster, Redis } from 'ioredis';
import { type ChannelRef, channelKey } from '../../src/model/platform.js';
import { LuaScript } from '../../src/store/lua-script.js';
import type { SchedulerKeys } from '../scheduler-keys.js';

/**
 * Posts per channel, paced across every worker through one Redis key per channel. BullMQ's limiter works
 * per queue, and one busy channel must not hold up the others, so a post over its channel's budget is
 * told how long to wait and its job goes back to the delayed set meanwhile.
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

  /** 0 when the post may go now (the slot is taken), otherwise the ms to wait (a gap, or a 429's hold). */
  async reserve(channel: ChannelRef, now: number): Promise<number> {
    const gap = String(Math.max(0, this.gapMs(channel)));
    return Number(await this.reserveScript.run([this.keys.pace(channelKey(channel))], [String(now), gap]));
  }

  /** After a 429: nobody posts to the channel before `until`. */
  async hold(channel: ChannelRef, now: number, until: number): Promise<void> {
    await this.holdScript.run([this.keys.pace(channelKey(channel))], [String(now), String(until)]);
  }
}
