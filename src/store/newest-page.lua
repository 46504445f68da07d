-- A page of every commitment, newest first, for a reader who may not see every restricted one: the id
-- sequence walked down from the last id, leaving out the restricted ids that none of the reader's marks
-- shows. No index of every commitment is kept for it: ids are never reused and commitments never
-- deleted, so the sequence is that index; an id burnt by a failed create is a gap the caller skips.
-- A run of restricted ids is stepped over by a binary search of the restricted index's ranks, and the
-- reader's own restricted ids within it are read from their indexes a page at a time, so a page costs
-- what it shows (times log² n), however many restricted ids it steps over.
--
-- KEYS: 1 the id counter, 2 the count of commitments, 3 every restricted id (member: the zero-padded
--       number, score: the number), 4.. the restricted ids under each of the reader's marks
-- ARGV: 1 offset, 2 limit
-- Returns {total, 1 when there is more after the page else 0, number, ...}
local offset, limit = tonumber(ARGV[1]), tonumber(ARGV[2])
local hidden = KEYS[3]
local marks = #KEYS - 3

local total = tonumber(redis.call('GET', KEYS[2]) or '0') - redis.call('ZCARD', hidden)
if marks == 1 then
  total = total + redis.call('ZCARD', KEYS[4])
elseif marks > 1 then
  -- Seen under two marks (the reader's agency's, and as its owner): each once.
  local seen, n = {}, 0
  for k = 4, #KEYS do
    for _, member in ipairs(redis.call('ZRANGE', KEYS[k], 0, -1)) do
      if not seen[member] then
        seen[member] = true
        n = n + 1
      end
    end
  end
  total = total + n
end

-- The largest number at or below n that is not restricted, or 0. The restricted numbers at ranks
-- r, r-1, … below n's rank r are n, n-1, … for as long as the run lasts, and fall behind for good after.
local function openAtOrBelow(n)
  if n < 1 then return 0 end
  local rank = redis.call('ZRANK', hidden, string.format('%09d', n))
  if not rank then return n end
  local low, high = 0, rank
  while low < high do
    local mid = math.floor((low + high + 1) / 2)
    if tonumber(redis.call('ZRANGE', hidden, rank - mid, rank - mid)[1]) == n - mid then
      low = mid
    else
      high = mid - 1
    end
  end
  return n - low - 1
end

-- The reader's restricted numbers in (below, upto], newest first, at most `want` of them.
local function shownBetween(below, upto, want)
  -- Nothing lies between an open number and the cursor it was found at.
  if marks == 0 or upto <= below then return {} end
  local seen, numbers = {}, {}
  for k = 4, #KEYS do
    local got = redis.call('ZRANGE', KEYS[k], upto, '(' .. below, 'BYSCORE', 'REV', 'LIMIT', 0, want)
    for _, member in ipairs(got) do
      local number = tonumber(member)
      if not seen[number] then
        seen[number] = true
        numbers[#numbers + 1] = number
      end
    end
  end
  table.sort(numbers, function(a, b) return a > b end)
  return numbers
end

local result = {total, 0}
local wanted = offset + limit
local emitted = 0
-- Counts one more commitment of the page's order; false once the page is full and one more was found.
local function emit(number)
  if emitted >= wanted then
    result[2] = 1
    return false
  end
  if emitted >= offset then result[#result + 1] = number end
  emitted = emitted + 1
  return true
end

local cursor = tonumber(redis.call('GET', KEYS[1]) or '0')
while cursor >= 1 and limit > 0 do
  local open = openAtOrBelow(cursor)
  for _, number in ipairs(shownBetween(open, cursor, wanted - emitted + 1)) do
    if not emit(number) then return result end
  end
  if open < 1 then break end
  if not emit(open) then return result end
  cursor = open - 1
end
return result
