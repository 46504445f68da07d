-- KEYS[1]: the channel's next free instant. ARGV: now (ms), until (ms).
-- Keeps the channel closed until at least `until` (a 429's Retry-After), never shortening a longer hold.
local now = tonumber(ARGV[1])
local hold = tonumber(ARGV[2])
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
if hold > free then
  redis.call('SET', KEYS[1], tostring(hold), 'PX', (hold - now) + 60000)
end
return 0
