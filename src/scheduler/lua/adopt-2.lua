-- Takes in a timer from the layout before the buckets (a startup move): adds
-- it to its bucket with its due time (or claim) as stored, unless the bucket
-- has the timer already (scheduled again since: that one is newer and stays).
-- KEYS[1] the bucket's due set   KEYS[2] the bucket's data
-- ARGV[1] member   ARGV[2] score   ARGV[3] the timer as JSON
-- Returns 1 when taken in, 0 when the bucket had it.
if redis.call('ZADD', KEYS[1], 'NX', ARGV[2], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
return 1
