-- A channel's timeline of posts: each post reserves its own slot, a gap after the one before, and waits
-- for it once. A post that comes back with the slot it reserved keeps it, unless a 429 put a hold on the
-- channel that reaches past it since; then it takes the first slot after the hold. A post that woke
-- late does not let the next one crowd it: a post goes no sooner than a gap after the last one went.
--
-- KEYS: 1 the end of the channel's timeline (ms), 2 the instant a 429 holds the channel until,
--       3 the instant the channel's last post went (or is about to)
-- ARGV: now (ms), gap (ms), the slot this post reserved earlier ('' when none), a wait short enough to
--       be waited out in the worker (ms)
-- Returns the instant the post goes: at most `short` from now, it is recorded as the channel's last
-- post and the worker waits that little and posts; later, the worker waits in the delayed set and asks
-- again with its slot.
local now = tonumber(ARGV[1])
local gap = tonumber(ARGV[2])
local hold = tonumber(redis.call('GET', KEYS[2]) or '0')
local slot
if ARGV[3] ~= '' and hold <= tonumber(ARGV[3]) then
  slot = tonumber(ARGV[3])
else
  local free = tonumber(redis.call('GET', KEYS[1]) or '0')
  slot = math.max(now, free, hold)
  redis.call('SET', KEYS[1], tostring(slot + gap), 'PX', (slot + gap - now) + 60000)
end
local last = tonumber(redis.call('GET', KEYS[3]) or '0')
local at = math.max(slot, last + gap, now)
if at - now > tonumber(ARGV[4]) then return at end
redis.call('SET', KEYS[3], tostring(at), 'PX', (at - now) + gap + 60000)
return at
