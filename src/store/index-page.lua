-- One page of commitment ids from one or more index zsets, merged in score order (then member order),
-- within [min, max). It reads only as far as the page reaches, never the whole index.
--
-- KEYS: the index zsets, then the zsets whose members are left out
-- ARGV: 1 min score (inclusive, or '-inf'), 2 max score (exclusive, or '+inf' for no bound at all)
--       3 offset, 4 limit, 5 'asc' | 'desc', 6 how many of the last KEYS are left out
--       7 '1' = count the total (nothing is left out, and the zsets share members only as groups say)
--       8.. per index zset, its group: 0 = it shares no member with any other; n > 0 = a restricted
--       counterpart read under the reader's nth mark, which may share members with another mark's
-- Returns {total or -1 when not counted, 1 when there is more after the page else 0, member, ...}
local min, max = ARGV[1], ARGV[2]
local offset, limit = tonumber(ARGV[3]), tonumber(ARGV[4])
local asc = ARGV[5] == 'asc'
local excludes = tonumber(ARGV[6])
local sources = #KEYS - excludes
local upper = max == '+inf' and '+inf' or '(' .. max

local function bounds(key)
  local lo = min == '-inf' and 0 or redis.call('ZCOUNT', key, '-inf', '(' .. min)
  local hi = max == '+inf' and redis.call('ZCARD', key) or redis.call('ZCOUNT', key, '-inf', upper)
  return lo, hi
end

-- The indexes with something in range: most restricted counterparts are empty or missing.
local live, lows, highs, groups = {}, {}, {}, {}
for i = 1, sources do
  local lo, hi = bounds(KEYS[i])
  if hi > lo then
    local n = #live + 1
    live[n], lows[n], highs[n], groups[n] = KEYS[i], lo, hi, tonumber(ARGV[7 + i])
  end
end

local total = -1
if ARGV[7] == '1' then
  total = 0
  local restricted, marks, distinct = {}, {}, 0
  for j = 1, #live do
    if groups[j] == 0 then
      total = total + (highs[j] - lows[j])
    else
      restricted[#restricted + 1] = j
      if not marks[groups[j]] then
        marks[groups[j]] = true
        distinct = distinct + 1
      end
    end
  end
  if distinct <= 1 then
    for _, j in ipairs(restricted) do total = total + (highs[j] - lows[j]) end
  else
    -- Seen under two marks (the reader's agency's, and as its owner): each restricted member once. This
    -- reads the restricted commitments this reader may see in range, and nothing else.
    local seen, n = {}, 0
    for _, j in ipairs(restricted) do
      for _, member in ipairs(redis.call('ZRANGE', live[j], lows[j], highs[j] - 1)) do
        if not seen[member] then
          seen[member] = true
          n = n + 1
        end
      end
    end
    total = total + n
  end
end

if #live == 0 then return {total, 0} end

-- One index and nothing left out: the page is a rank range, found in O(log n).
if #live == 1 and excludes == 0 then
  local lo, hi = lows[1], highs[1]
  local first, last
  if asc then
    first, last = lo + offset, math.min(lo + offset + limit, hi) - 1
  else
    first, last = math.max(hi - offset - limit, lo), hi - 1 - offset
  end
  local result = {total, (offset + limit < hi - lo) and 1 or 0}
  if first <= last then
    local members = redis.call('ZRANGE', live[1], first, last)
    if asc then
      for _, member in ipairs(members) do result[#result + 1] = member end
    else
      for i = #members, 1, -1 do result[#result + 1] = members[i] end
    end
  end
  return result
end

local chunk = offset + limit + 1
local buffers, positions, fetched, done = {}, {}, {}, {}
local function score(text)
  if text == 'inf' or text == '+inf' then return math.huge end
  if text == '-inf' then return -math.huge end
  return tonumber(text)
end
local function refill(i)
  local got
  if asc then
    got = redis.call('ZRANGE', live[i], min, upper, 'BYSCORE', 'LIMIT', fetched[i], chunk, 'WITHSCORES')
  else
    got = redis.call('ZRANGE', live[i], upper, min, 'BYSCORE', 'REV', 'LIMIT', fetched[i], chunk, 'WITHSCORES')
  end
  fetched[i] = fetched[i] + #got / 2
  buffers[i], positions[i] = got, 1
  done[i] = #got == 0
end
for i = 1, #live do
  fetched[i] = 0
  refill(i)
end
-- Whether a's (score, member) comes before b's in the page's order.
local function before(sa, ma, sb, mb)
  if sa ~= sb then
    if asc then return sa < sb else return sa > sb end
  end
  if asc then return ma < mb else return ma > mb end
end
local function excluded(member)
  for k = sources + 1, #KEYS do
    if redis.call('ZSCORE', KEYS[k], member) then return true end
  end
  return false
end

local result = {total, 0}
local emitted, last = 0, nil
while true do
  local best, bestScore, bestMember = nil, nil, nil
  for i = 1, #live do
    if not done[i] and positions[i] > #buffers[i] then refill(i) end
    if not done[i] then
      local m, s = buffers[i][positions[i]], score(buffers[i][positions[i] + 1])
      if best == nil or before(s, m, bestScore, bestMember) then best, bestScore, bestMember = i, s, m end
    end
  end
  if best == nil then break end
  positions[best] = positions[best] + 2
  -- A member in several indexes has the same score in each, so its copies come one after another.
  local skip = bestMember == last or excluded(bestMember)
  last = bestMember
  if not skip then
    if emitted >= offset + limit then
      result[2] = 1
      break
    end
    if emitted >= offset then result[#result + 1] = bestMember end
    emitted = emitted + 1
  end
end
return result
