-- Begins the purge of a closed session: drops its content and leaves a
-- content-free purge record, in one step, so a crash never leaves content
-- behind without a record that says it must still be deleted.
-- KEYS[1] state   KEYS[2] outbox   KEYS[3] outbox-seq   KEYS[4] messages
-- KEYS[5] purge record
-- ARGV[1] purge record (JSON, no content)   ARGV[2] TTL of the records (ms)
--#include expire

redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
redis.call('SET', KEYS[5], ARGV[1], 'PX', ARGV[2])
expire_all(ARGV[2], KEYS[4])
return 1
