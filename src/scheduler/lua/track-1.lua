-- Notes a timer under its session, for cancelAll, and keeps the note alive at
-- least as long as the timer may wait (it never shortens the note's life).
-- KEYS[1] the session's timer set   ARGV[1] member   ARGV[2] time to live (ms)
--#include expire

redis.call('SADD', KEYS[1], ARGV[1])
expire_at_least(KEYS[1], ARGV[2])
return 1
