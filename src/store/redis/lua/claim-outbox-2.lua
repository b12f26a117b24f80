-- Takes the effect runner's lease of a session (or renews it for its holder,
-- or takes it from a holder that stopped beating) and reads the outbox in the
-- same step, so a runner starts with one call.
-- KEYS[1] lease   KEYS[2] outbox (list, oldest first)
-- ARGV[1] owner   ARGV[2] lease length (ms)
-- ARGV[3...] instances whose leases may be taken (they stopped beating)
-- Returns false when another runner holds the lease, else the outbox entries.
--#include lease
if not may_hold(redis.call('GET', KEYS[1])) then return false end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return redis.call('LRANGE', KEYS[2], 0, -1)
