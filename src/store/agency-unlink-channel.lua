-- Removes a channel from every agency it is linked to.
--
-- KEYS: 1 agency channels hash, 2 the channel's set of agency codes, 3 agencies version
-- ARGV: 1 channel key
local channel = ARGV[1]
for _, code in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local stored = redis.call('HGET', KEYS[1], code)
  if stored then
    local kept = {}
    for _, existing in ipairs(cjson.decode(stored)) do
      if existing ~= channel then kept[#kept + 1] = cjson.encode(existing) end
    end
    -- Built by hand because cjson writes an empty table as {} rather than [].
    redis.call('HSET', KEYS[1], code, '[' .. table.concat(kept, ',') .. ']')
  end
end
redis.call('DEL', KEYS[2])
redis.call('INCR', KEYS[3])
