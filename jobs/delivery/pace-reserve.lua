-- KEYS[1]: the channel's next free instant. ARGV: now (ms), gap (ms).
-- Returns 0 and takes the slot when the channel is free, otherwise how many ms until it is.
local now = tonumber(ARGV[1])
local gap = tonumber(ARGV[2])
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
if free > now then
  return free - now
end
redis.call('SET', KEYS[1], tostring(now + gap), 'PX', gap + 60000)
return 0
