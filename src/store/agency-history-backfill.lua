-- Adds one page of commitments to the per-agency due and done indexes, each entry only if its commitment
-- is still at the version it was read at: one saved meanwhile was indexed by its own write.
--
-- KEYS: the commitment hashes of the page, then the index zsets
-- ARGV: JSON [[hash key number, version, index key number, score], ...]
local entries = cjson.decode(ARGV[1])
local added = 0
for _, entry in ipairs(entries) do
  if redis.call('HGET', KEYS[entry[1]], 'version') == entry[2] then
    added = added + redis.call('ZADD', KEYS[entry[3]], entry[4], redis.call('HGET', KEYS[entry[1]], 'id'))
  end
end
return added
