-- Commits one transition of a session, or creates it: the seq check, the new
-- state, the outbox entries and the TTL refresh in one atomic step.
-- KEYS[1] state (hash: seq, data)   KEYS[2] outbox (list)
-- KEYS[3] outbox-seq (counter)      KEYS[4] messages (hash)
-- ARGV[1] expected seq, or "" to create (the session must not exist)
-- ARGV[2] new seq   ARGV[3] data (codec string)
-- ARGV[4] TTL of the content (ms)   ARGV[5] TTL of the messages record (ms)
-- ARGV[6..] effects, each as JSON
-- Returns 1 committed, 0 conflict (or: id taken, on create), -1 missing.
--#include expire

local stored = redis.call('HGET', KEYS[1], 'seq')
if ARGV[1] == '' then
  if stored then return 0 end
else
  if not stored then return -1 end
  if stored ~= ARGV[1] then return 0 end
end

redis.call('HSET', KEYS[1], 'seq', ARGV[2], 'data', ARGV[3])

-- Entry ids come from a counter that outlives the list, so an id is never
-- reused even after the outbox has been emptied by acks. One INCRBY and one
-- RPUSH (per thousand entries) for all of them: each redis.call has a cost.
local count = #ARGV - 5
if count > 0 then
  local first = redis.call('INCRBY', KEYS[3], count) - count
  local entries = {}
  for i = 1, count do
    entries[#entries + 1] = '{"id":' .. (first + i) .. ',"effect":' .. ARGV[5 + i] .. '}'
    if #entries == 1000 or i == count then
      redis.call('RPUSH', KEYS[2], unpack(entries))
      entries = {}
    end
  end
end

expire_all(ARGV[4], KEYS[1], KEYS[2], KEYS[3])
-- The messages record outlives the content, so close can still delete them.
expire_all(ARGV[5], KEYS[4])
return 1
