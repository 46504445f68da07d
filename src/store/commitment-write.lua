-- Writes one commitment atomically: the checks first, then the value, the indexes and counts that
-- changed, its history event and, for a deadline change, the recorded move. When a check fails nothing
-- is written.
--
-- KEYS: 1 commitment value, 2 history (JSON lines), 3 import keys hash, 4 deadline moves zset, 5 count,
--       6.. the stats hashes and index zsets named below
-- ARGV: 1 expected stored version ('' = create: the value must not exist yet)
--       2 import key ('' = none), 3 commitment id, 4 its index member, 5 the new value (`<version>|<JSON>`)
--       6 history event JSON, 7 deadline move score ('' = no move), 8 deadline move member
--       9 c, the number of count changes, then c triples (key number, field, 1 or -1)
--       then n, the number of index additions, then n pairs (key number, score), then the key numbers to leave
-- Returns {'ok'} | {'conflict'} | {'imported', id created earlier with that import key}
local expected, importKey, id, member = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local moveScore, moveMember = ARGV[7], ARGV[8]
local counts = tonumber(ARGV[9])
local addsAt = 10 + 3 * counts
local adds = tonumber(ARGV[addsAt])

local current = redis.call('GET', KEYS[1])
if expected == '' then
  if importKey ~= '' then
    local existing = redis.call('HGET', KEYS[3], importKey)
    if existing then return {'imported', existing} end
  end
  if current then return {'conflict'} end
elseif not current or string.match(current, '^(%d+)|') ~= expected then
  return {'conflict'}
end

redis.call('SET', KEYS[1], ARGV[5])
for i = 0, counts - 1 do
  redis.call('HINCRBY', KEYS[tonumber(ARGV[10 + 3 * i])], ARGV[11 + 3 * i], ARGV[12 + 3 * i])
end
for i = 0, adds - 1 do
  redis.call('ZADD', KEYS[tonumber(ARGV[addsAt + 1 + 2 * i])], ARGV[addsAt + 2 + 2 * i], member)
end
for i = addsAt + 1 + 2 * adds, #ARGV do redis.call('ZREM', KEYS[tonumber(ARGV[i])], member) end
-- The history is rewritten whole rather than APPENDed to: APPEND doubles the allocation as it grows.
local history = redis.call('GET', KEYS[2])
redis.call('SET', KEYS[2], history and (history .. '\n' .. ARGV[6]) or ARGV[6])
if moveScore ~= '' then redis.call('ZADD', KEYS[4], moveScore, moveMember) end
if expected == '' then
  redis.call('INCR', KEYS[5])
  if importKey ~= '' then redis.call('HSET', KEYS[3], importKey, id) end
end
return {'ok'}
