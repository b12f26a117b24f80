-- Takes the effect runner's lease of a session (SET NX PX), or renews it when
-- the caller already holds it, so a long purge can keep its lease.
-- KEYS[1] lease   ARGV[1] owner   ARGV[2] lease length (ms)
-- Returns 1 when the caller holds the lease afterwards, else 0.
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
