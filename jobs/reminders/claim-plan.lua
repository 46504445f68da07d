-- KEYS[1]: hash of commitment id -> highest version planned; KEYS[2]: hash of commitment id -> its plan basis.
-- ARGV: id, version, basis, force ('1' plans even when the basis is as last planned).
-- Returns 0 when a newer version was planned already; otherwise records the version and returns 2 when
-- there is nothing to plan (same basis, not forced), or records the basis too and returns 1.
local planned = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
local version = tonumber(ARGV[2])
if version < planned then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if ARGV[4] ~= '1' and redis.call('HGET', KEYS[2], ARGV[1]) == ARGV[3] then
  return 2
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
return 1
