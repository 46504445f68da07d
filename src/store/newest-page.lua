-- A page of every commitment, newest first, for a reader who may not see every restricted one: the id
-- sequence walked down from the last id, leaving out the restricted ids that none of the reader's marks
-- shows. No index of every commitment is kept for it: ids are never reused and commitments never
-- deleted, so the sequence is that index; an id burnt by a failed create is a gap the caller skips.
-- The walk reads the restricted ids of a window of the sequence at a time, the window doubling, so a
-- page costs what it shows and skips, whatever the number of commitments stored.
--
-- KEYS: 1 the id counter, 2 the count of commitments, 3 every restricted id (scored by its number),
--       4.. the restricted ids under each of the reader's marks
-- ARGV: 1 offset, 2 limit
-- Returns {total, 1 when there is more after the page else 0, number, ...}
local offset, limit = tonumber(ARGV[1]), tonumber(ARGV[2])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local marks = #KEYS - 3

-- The reader's restricted ids in [lo, hi], as a set; under two marks, an id may be under both.
local function shown(lo, hi)
  local set, n = {}, 0
  for k = 4, #KEYS do
    for _, member in ipairs(redis.call('ZRANGE', KEYS[k], lo, hi, 'BYSCORE')) do
      local number = tonumber(member)
      if not set[number] then
        set[number] = true
        n = n + 1
      end
    end
  end
  return set, n
end

local total = tonumber(redis.call('GET', KEYS[2]) or '0') - redis.call('ZCARD', KEYS[3])
if marks == 1 then
  total = total + redis.call('ZCARD', KEYS[4])
elseif marks > 1 then
  local _, n = shown('-inf', '+inf')
  total = total + n
end

local result = {total, 0}
local wanted = offset + limit
local emitted = 0
local hi = last
local width = math.max(wanted + 1, 64)
while hi >= 1 and limit > 0 do
  local lo = math.max(1, hi - width + 1)
  local hidden = {}
  local visible = {}
  if redis.call('ZCOUNT', KEYS[3], lo, hi) > 0 then
    for _, member in ipairs(redis.call('ZRANGE', KEYS[3], lo, hi, 'BYSCORE')) do hidden[tonumber(member)] = true end
    visible = shown(lo, hi)
  end
  for n = hi, lo, -1 do
    if not hidden[n] or visible[n] then
      if emitted >= wanted then
        result[2] = 1
        return result
      end
      if emitted >= offset then result[#result + 1] = n end
      emitted = emitted + 1
    end
  end
  hi = lo - 1
  width = width * 2
end
return result
