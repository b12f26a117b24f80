-- Shared by the scripts that take a session's lease (a line `--#include lease`).
-- ARGV[1] is who asks; ARGV[3] onwards name instances that stopped beating
-- (see beat-1.lua): a lease one of them holds is free to take at once, where
-- otherwise it would be held until it expires.
local function may_hold(holder)
  if not holder or holder == ARGV[1] then return true end
  for i = 3, #ARGV do
    if ARGV[i] == holder then return true end
  end
  return false
end
