-- Removes a channel's entry from a workspace's group index, only while it still names this group.
-- KEYS[1] the index (hash: channel -> group id)   ARGV[1] channel   ARGV[2] group id
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  return redis.call('HDEL', KEYS[1], ARGV[1])
end
return 0
