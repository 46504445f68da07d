-- Links a channel to an agency once: linking it again changes nothing.
--
-- KEYS: 1 agencies hash, 2 agency channels hash, 3 the channel's set of agency codes, 4 agencies version
-- ARGV: 1 agency code, 2 channel key
-- Returns false when there is no such agency, else {agency JSON, JSON array of its channel keys}
local code, channel = ARGV[1], ARGV[2]
local agency = redis.call('HGET', KEYS[1], code)
if not agency then return false end

local stored = redis.call('HGET', KEYS[2], code)
local channels = stored and cjson.decode(stored) or {}
local encoded = {}
local linked = false
for i, existing in ipairs(channels) do
  encoded[i] = cjson.encode(existing)
  if existing == channel then linked = true end
end
if not linked then encoded[#encoded + 1] = cjson.encode(channel) end
-- Built by hand because cjson writes an empty table as {} rather than [].
local list = '[' .. table.concat(encoded, ',') .. ']'
redis.call('HSET', KEYS[2], code, list)
redis.call('SADD', KEYS[3], code)
redis.call('INCR', KEYS[4])
return {agency, list}
