-- Records where a message of the session was posted, and keeps the record
-- alive past the content so close can still delete the message.
-- KEYS[1] messages (hash)   ARGV[1] message key   ARGV[2] "channel|ts"
-- ARGV[3] TTL of the messages record (ms)
--#include expire

redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
expire_all(ARGV[3], KEYS[1])
return 1
