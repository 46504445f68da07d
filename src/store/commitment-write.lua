-- Writes one commitment atomically: the checks first, then the hash, its indexes, its history event and,
-- for a deadline change, the recorded move. When a check fails nothing has been written.
--
-- KEYS: 1 commitment hash, 2 history stream, 3 import keys hash, 4 deadline moves zset, 5.. index zsets
-- ARGV: 1 expected stored version ('' = create: the hash must not exist yet)
--       2 import key ('' = none)
--       3 commitment id (the index member)
--       4 deadline move score ('' = no move), 5 deadline move JSON
--       6 index plan JSON {"add": [[key number, score], ...], "remove": [key number, ...]}
--       7 number n of hash field arguments, 8..7+n hash fields and values, then the history event's fields
-- Returns {'ok', history stream id} | {'conflict'} | {'imported', id created earlier with that import key}
local expected, importKey, member = ARGV[1], ARGV[2], ARGV[3]
local moveScore, moveJson = ARGV[4], ARGV[5]
local plan = cjson.decode(ARGV[6])
local fieldCount = tonumber(ARGV[7])

if expected == '' then
  if importKey ~= '' then
    local existing = redis.call('HGET', KEYS[3], importKey)
    if existing then return {'imported', existing} end
  end
  if redis.call('EXISTS', KEYS[1]) == 1 then return {'conflict'} end
elseif redis.call('HGET', KEYS[1], 'version') ~= expected then
  return {'conflict'}
end

local fields = {}
for i = 1, fieldCount do fields[i] = ARGV[7 + i] end
local event = {}
for i = 8 + fieldCount, #ARGV do event[#event + 1] = ARGV[i] end

-- Deleting first drops the optional fields the new version no longer has.
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(fields))
for _, key in ipairs(plan.remove) do redis.call('ZREM', KEYS[key], member) end
for _, entry in ipairs(plan.add) do redis.call('ZADD', KEYS[entry[1]], entry[2], member) end
local streamId = redis.call('XADD', KEYS[2], '*', unpack(event))
if moveScore ~= '' then redis.call('ZADD', KEYS[4], moveScore, streamId .. '|' .. moveJson) end
if importKey ~= '' then redis.call('HSET', KEYS[3], importKey, member) end
return {'ok', streamId}
