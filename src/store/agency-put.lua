-- Stores an agency's own fields. The channels of an agency that already exists are kept as they are
-- (they change only through link and unlink); a new agency starts with the channels it was given.
--
-- KEYS: 1 agencies hash, 2 agency channels hash, 3 agencies version, 4.. the channel -> agencies sets
--       of the given channels
-- ARGV: 1 code, 2 agency JSON without channels, 3 JSON array of the given channel keys
local code = ARGV[1]
local existed = redis.call('HEXISTS', KEYS[1], code) == 1
redis.call('HSET', KEYS[1], code, ARGV[2])
if not existed then
  redis.call('HSET', KEYS[2], code, ARGV[3])
  for i = 4, #KEYS do redis.call('SADD', KEYS[i], code) end
end
redis.call('INCR', KEYS[3])
