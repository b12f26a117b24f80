-- Notes a timer under its session, for cancelAll, and keeps the note alive at
-- least as long as the timer may wait (it never shortens the note's life).
-- KEYS[1] the session's timer set   ARGV[1] member   ARGV[2] time to live (ms)
redis.call('SADD', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 1
