-- Shared by the scripts that keep keys alive (a line `--#include expire`).
-- Sets the same time to live (ms) on every key given.
local function expire_all(ttl, ...)
  for _, key in ipairs({...}) do
    redis.call('PEXPIRE', key, ttl)
  end
end

-- Lengthens a key's time to live to at least ttl (ms); never shortens it.
local function expire_at_least(key, ttl)
  if redis.call('PTTL', key) < tonumber(ttl) then
    redis.call('PEXPIRE', key, ttl)
  end
end
