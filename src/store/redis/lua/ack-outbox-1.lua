-- Drops outbox entries from the head up to and including an id.
-- KEYS[1] outbox (list of {"id":N,"effect":...}, oldest first)
-- ARGV[1] the last id to drop
-- Returns how many entries are left, so the runner need not read the list again to know it is empty.
-- One read and one trim, whatever the number of entries dropped.
local upto = tonumber(ARGV[1])
local entries = redis.call('LRANGE', KEYS[1], 0, -1)
local drop = 0
for _, entry in ipairs(entries) do
  -- The entry is written by commit-4.lua, so its id is always first.
  local id = tonumber(string.match(entry, '^{"id":(%d+),'))
  if not id or id > upto then break end
  drop = drop + 1
end
if drop == 0 then return #entries end
if drop == #entries then
  redis.call('DEL', KEYS[1])
else
  redis.call('LTRIM', KEYS[1], drop, -1)
end
return #entries - drop
