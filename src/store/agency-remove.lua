-- Removes an agency, its channel list and its code from each of its channels' sets of agencies.
--
-- KEYS: 1 agencies hash, 2 agency channels hash, 3 agencies version, 4.. the sets of agency codes of
--       its channels
-- ARGV: 1 agency code
local code = ARGV[1]
for i = 4, #KEYS do
  redis.call('SREM', KEYS[i], code)
end
redis.call('HDEL', KEYS[2], code)
redis.call('INCR', KEYS[3])
return redis.call('HDEL', KEYS[1], code)
