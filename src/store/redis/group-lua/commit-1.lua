-- Creates a group, or commits a change to it: the version check and the new
-- state in one atomic step (the optimistic concurrency of sessions).
-- KEYS[1] state (hash: seq, data, channel, and team where workspaces install the bot)
-- ARGV[1] expected seq, or "" to create (the group must not exist)
-- ARGV[2] new seq   ARGV[3] data (codec string)   ARGV[4] channel   ARGV[5] team, or ""
-- Returns 1 committed, 0 conflict (or: id taken, on create), -1 missing.
local stored = redis.call('HGET', KEYS[1], 'seq')
if ARGV[1] == '' then
  if stored then return 0 end
  redis.call('HSET', KEYS[1], 'seq', ARGV[2], 'data', ARGV[3], 'channel', ARGV[4])
  if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'team', ARGV[5]) end
  return 1
end
if not stored then return -1 end
if stored ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'seq', ARGV[2], 'data', ARGV[3])
return 1
