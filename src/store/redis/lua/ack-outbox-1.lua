-- Drops outbox entries from the head up to and including an id.
-- KEYS[1] outbox (list of {"id":N,"effect":...}, oldest first)
-- ARGV[1] the last id to drop
-- Returns how many entries are left, so the runner need not read the list again to know it is empty.
local upto = tonumber(ARGV[1])
while true do
  local head = redis.call('LINDEX', KEYS[1], 0)
  if not head then break end
  -- The entry is written by commit-4.lua, so its id is always first.
  local id = tonumber(string.match(head, '^{"id":(%d+),'))
  if not id or id > upto then break end
  redis.call('LPOP', KEYS[1])
end
return redis.call('LLEN', KEYS[1])
