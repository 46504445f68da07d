-- KEYS[1]: hash of commitment id -> highest version planned. ARGV: id, version.
-- Returns 1 (and records the version) unless a newer version was planned already.
local planned = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
local version = tonumber(ARGV[2])
if version < planned then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
