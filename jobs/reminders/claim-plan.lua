-- Claims a commitment's reminder plan and records it, in one step, so that planning thousands of
-- commitments is one script each and never a read of BullMQ's jobs.
--
-- KEYS[1]: hash of commitment id -> highest version planned; KEYS[2]: hash of commitment id -> its plan
-- basis; KEYS[3]: hash of the commitment's reminder job ids -> `<version>|<planned>` of the plan that made
-- each, where `planned` is the job's moment and, when it has them, its channels.
-- ARGV: id, version, basis, force ('1' plans even when the basis is as last planned), then the wanted
-- jobs as pairs (job id, planned).
-- Returns {0} when a newer version was planned already; {2} when there is nothing to plan (same basis,
-- not forced); otherwise records the plan and returns {1, n, the n wanted job ids to add, m, the m to
-- replace (planned otherwise, or not recorded), the ids to withdraw, …}. A forced
-- plan also lists the jobs planned as wanted, after the withdrawn ones, under a count: they may be lost.
local id, version, basis, force = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4] == '1'
local planned = tonumber(redis.call('HGET', KEYS[1], id) or '0')
if version < planned then
  return {0}
end
redis.call('HSET', KEYS[1], id, ARGV[2])
if not force and redis.call('HGET', KEYS[2], id) == basis then
  return {2}
end
redis.call('HSET', KEYS[2], id, basis)

local existing = {}
local flat = redis.call('HGETALL', KEYS[3])
for i = 1, #flat, 2 do existing[flat[i]] = flat[i + 1] end

local add, replace, same, wanted, fields = {}, {}, {}, {}, {}
for i = 5, #ARGV, 2 do
  local job, planned = ARGV[i], ARGV[i + 1]
  wanted[job] = true
  local was = existing[job]
  if not was then
    add[#add + 1] = job
  elseif string.match(was, '|(.*)$') ~= planned then
    replace[#replace + 1] = job
  else
    same[#same + 1] = job
  end
  fields[#fields + 1] = job
  fields[#fields + 1] = ARGV[2] .. '|' .. planned
end
-- Jobs last planned by a newer version are that plan's: an older plan must not undo them.
local withdraw = {}
for job, was in pairs(existing) do
  if not wanted[job] and tonumber(string.match(was, '^(%d+)')) <= version then withdraw[#withdraw + 1] = job end
end
if #withdraw > 0 then redis.call('HDEL', KEYS[3], unpack(withdraw)) end
if #fields > 0 then redis.call('HSET', KEYS[3], unpack(fields)) end

local result = {1, #add}
for _, job in ipairs(add) do result[#result + 1] = job end
result[#result + 1] = #replace
for _, job in ipairs(replace) do result[#result + 1] = job end
result[#result + 1] = #withdraw
for _, job in ipairs(withdraw) do result[#result + 1] = job end
if force then
  result[#result + 1] = #same
  for _, job in ipairs(same) do result[#result + 1] = job end
end
return result
