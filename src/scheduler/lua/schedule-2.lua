-- Schedules a timer, or replaces the one with the same session and key.
-- KEYS[1] due (zset: member -> due time, ms)   KEYS[2] data (hash: member -> JSON)
-- ARGV[1] member ("<sessionId>|<key>")   ARGV[2] due time (ms)   ARGV[3] the timer as JSON
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
return 1
