-- Records where a message of the session was posted (and what it shows), and
-- keeps the record alive past the content so close can still delete the message.
-- KEYS[1] messages (hash)   ARGV[1] message key   ARGV[2] "channel|ts|fingerprint"
-- ARGV[3] TTL of the messages record (ms)
-- Only a new message sets the TTL: an update of a known one leaves the TTL the
-- commits keep (commit-4.lua), so most calls are one HSET.
--#include expire

if redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  expire_at_least(KEYS[1], ARGV[3])
end
return 1
