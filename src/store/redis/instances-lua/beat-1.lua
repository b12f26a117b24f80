-- An instance's heartbeat, by Redis's own clock (so the instances' clocks
-- need not agree): records it, forgets instances silent for long, and names
-- those silent for longer than the window.
-- KEYS[1] registry (sorted set: instance -> its last beat, ms)
-- ARGV[1] instance   ARGV[2] window (ms)   ARGV[3] forget after (ms)
-- Returns {steady, silent...}: steady is 1 when the instance's previous beat
-- is within the window (0 on its first beat, or after a gap of its own).
if redis.replicate_commands then redis.replicate_commands() end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local window = tonumber(ARGV[2])
local previous = redis.call('ZSCORE', KEYS[1], ARGV[1])
local steady = 0
if previous and now - tonumber(previous) <= window then steady = 1 end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('(%.0f', now - tonumber(ARGV[3])))
redis.call('ZADD', KEYS[1], string.format('%.0f', now), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
local result = { steady }
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', string.format('(%.0f', now - window))) do
  if id ~= ARGV[1] then result[#result + 1] = id end
end
return result
