-- One signed Slack request, checked and remembered in one step (adapters/slack/replay-guard.ts).
-- KEYS[1]: the request's signature; KEYS[2], when it has one: its delivery (event id or trigger id).
-- ARGV[1]: how long the signature is remembered (ms); ARGV[2]: how long a delivery is (ms);
-- ARGV[3]: '1' when Slack says the request is its retry of an earlier one.
-- Returns 'retried' (a retry of a delivery that already arrived), 'replayed' (the signature was seen)
-- or 'fresh' (remembered now: it is to run).
if ARGV[3] == '1' and KEYS[2] and redis.call('EXISTS', KEYS[2]) == 1 then
  return 'retried'
end
if not redis.call('SET', KEYS[1], '1', 'PX', ARGV[1], 'NX') then
  return 'replayed'
end
if KEYS[2] then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
end
return 'fresh'
