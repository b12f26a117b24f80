-- Cancels timers.
-- KEYS[1] due (zset)   KEYS[2] data (hash)   ARGV members
-- Returns how many timers were cancelled.
local cancelled = 0
for i = 1, #ARGV do
  cancelled = cancelled + redis.call('ZREM', KEYS[1], ARGV[i])
  redis.call('HDEL', KEYS[2], ARGV[i])
end
return cancelled
