-- Releases a lease only when the caller still holds it: a runner whose lease
-- expired must not release the lease another runner has taken since.
-- KEYS[1] lease   ARGV[1] owner
-- Returns 1 when released, else 0.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
