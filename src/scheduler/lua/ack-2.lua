-- Removes a fired timer, unless it changed since the claim: rescheduled (new
-- due time) or claimed again by another instance after the lease ran out.
-- KEYS[1] due (zset)   KEYS[2] data (hash)
-- ARGV[1] member   ARGV[2] the claim's lease end (ms), or "" when unknown
-- ARGV[3] the timer's due time as claimed (used when the lease is unknown)
-- Returns 1 when removed, else 0.
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score then return 0 end
if ARGV[2] ~= '' then
  if tonumber(score) ~= tonumber(ARGV[2]) then return 0 end
else
  local data = redis.call('HGET', KEYS[2], ARGV[1])
  if not data or cjson.decode(data).timer.at ~= tonumber(ARGV[3]) then return 0 end
end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return 1
