-- Takes the effect runner's lease of a session (SET PX), or renews it when
-- the caller already holds it, so a long purge can keep its lease; takes it
-- from a holder that stopped beating.
-- KEYS[1] lease   ARGV[1] owner   ARGV[2] lease length (ms)
-- ARGV[3...] instances whose leases may be taken (they stopped beating)
-- Returns 1 when the caller holds the lease afterwards, else 0.
--#include lease
if not may_hold(redis.call('GET', KEYS[1])) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
