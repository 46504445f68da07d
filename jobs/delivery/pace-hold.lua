-- KEYS[1]: the instant a 429 holds the channel until. ARGV: now (ms), until (ms).
-- Nobody posts to the channel before `until` (a 429's Retry-After), never shortening a longer hold.
local now = tonumber(ARGV[1])
local hold = tonumber(ARGV[2])
local held = tonumber(redis.call('GET', KEYS[1]) or '0')
if hold > held then
  redis.call('SET', KEYS[1], tostring(hold), 'PX', (hold - now) + 60000)
end
return 0
