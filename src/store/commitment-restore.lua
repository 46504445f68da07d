-- Writes one commitment read back from a backup, whole and at once: its value, its history as it was,
-- the indexes and week counts its state puts it in, and the count of commitments. One that is stored
-- already is left as it is.
--
-- KEYS: 1 commitment value, 2 history (JSON lines), 3 count, 4.. the stats hashes and index zsets named below
-- ARGV: 1 the value (`<version>|<JSON>`), 2 the history ('' = none), 3 its index member
--       4 c, the number of counts, then c pairs (key number, field), then pairs (key number, score)
-- Returns 1 when written, 0 when it was there already
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
if ARGV[2] ~= '' then redis.call('SET', KEYS[2], ARGV[2]) end
local counts = tonumber(ARGV[4])
for i = 0, counts - 1 do
  redis.call('HINCRBY', KEYS[tonumber(ARGV[5 + 2 * i])], ARGV[6 + 2 * i], 1)
end
for i = 5 + 2 * counts, #ARGV, 2 do
  redis.call('ZADD', KEYS[tonumber(ARGV[i])], ARGV[i + 1], ARGV[3])
end
redis.call('INCR', KEYS[3])
return 1
