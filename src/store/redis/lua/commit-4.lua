-- Commits one transition of a session, or creates it: the seq check, the new
-- state, the outbox entries and the TTL refresh in one atomic step.
-- KEYS[1] state (hash: seq, data, ttl-at)   KEYS[2] outbox (list)
-- KEYS[3] outbox-seq (counter)              KEYS[4] messages (hash)
-- ARGV[1] expected seq, or "" to create (the session must not exist)
-- ARGV[2] new seq   ARGV[3] data (codec string)
-- ARGV[4] TTL of the content (ms)   ARGV[5] TTL of the messages record (ms)
-- ARGV[6] now (ms)   ARGV[7] refresh interval (ms)
-- ARGV[8] the session's workspace, or "" (kept as 'team' on create, in the
--         clear: the content may be encrypted, the workspace is needed to delete it)
-- ARGV[9] the census tag "<format>|<mode>|<phase>" (kept as 'census', in the
--         clear: ids only, counted for the metrics without decoding the content)
-- ARGV[10..] effects, each as JSON
-- Returns 2 committed and the TTLs refreshed, 1 committed, 0 conflict (or:
-- id taken, on create), -1 missing.
--
-- The TTLs are not set on every commit (four PEXPIREs each time) but when
-- the last refresh is at least ARGV[7] old, each to its TTL plus that
-- interval: every key still lives at least its TTL after the last commit,
-- and at most the interval longer.
--#include expire

local found = redis.call('HMGET', KEYS[1], 'seq', 'ttl-at')
local stored = found[1]
if ARGV[1] == '' then
  if stored then return 0 end
else
  if not stored then return -1 end
  if stored ~= ARGV[1] then return 0 end
end

local now = tonumber(ARGV[6])
local interval = tonumber(ARGV[7])
local refresh = ARGV[1] == '' or not found[2] or now - tonumber(found[2]) >= interval
if refresh then
  redis.call('HSET', KEYS[1], 'seq', ARGV[2], 'data', ARGV[3], 'census', ARGV[9], 'ttl-at', ARGV[6])
else
  redis.call('HSET', KEYS[1], 'seq', ARGV[2], 'data', ARGV[3], 'census', ARGV[9])
end
if ARGV[1] == '' and ARGV[8] ~= '' then redis.call('HSET', KEYS[1], 'team', ARGV[8]) end

-- Entry ids come from a counter that outlives the list, so an id is never
-- reused even after the outbox has been emptied by acks. One INCRBY and one
-- RPUSH (per thousand entries) for all of them: each redis.call has a cost.
-- Each entry keeps when it was committed (for the effect lag the metrics show).
local count = #ARGV - 9
local length = 0
if count > 0 then
  local first = redis.call('INCRBY', KEYS[3], count) - count
  local entries = {}
  for i = 1, count do
    entries[#entries + 1] = '{"id":' .. (first + i) .. ',"at":' .. ARGV[6] .. ',"effect":' .. ARGV[9 + i] .. '}'
    if #entries == 1000 or i == count then
      length = redis.call('RPUSH', KEYS[2], unpack(entries))
      entries = {}
    end
  end
end

local ttl = tonumber(ARGV[4]) + interval
if refresh then
  expire_all(ttl, KEYS[1], KEYS[2], KEYS[3])
  -- The messages record outlives the content, so close can still delete them.
  expire_all(tonumber(ARGV[5]) + interval, KEYS[4])
  return 2
end
-- An outbox emptied by the runner is gone with its TTL: a new one gets the content's.
if count > 0 and length == count then expire_all(ttl, KEYS[2]) end
return 1
