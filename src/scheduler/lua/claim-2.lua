-- Claims due timers for one instance: takes up to a limit of timers due by
-- now, earliest first, and moves each to the end of its lease, so no other
-- instance sees it until the lease ends (then it is due again, unless acked).
-- KEYS[1] due (zset)   KEYS[2] data (hash)
-- ARGV[1] now (ms)   ARGV[2] limit   ARGV[3] end of the lease (ms)
-- Returns the JSON of each claimed timer.
local members = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
local claimed = {}
for _, member in ipairs(members) do
  local data = redis.call('HGET', KEYS[2], member)
  if data then
    redis.call('ZADD', KEYS[1], 'XX', ARGV[3], member)
    claimed[#claimed + 1] = data
  else
    -- A timer without data cannot be fired; drop it rather than claim it for ever.
    redis.call('ZREM', KEYS[1], member)
  end
end
return claimed
