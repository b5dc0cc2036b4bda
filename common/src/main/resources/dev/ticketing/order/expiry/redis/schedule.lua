-- Queues an order unless it is already queued or claimed (a redelivery neither duplicates nor moves it).
-- KEYS[1] due set, KEYS[2] leased set; ARGV[1] due time (epoch ms), ARGV[2] order id.
-- Returns 1 when added, 0 when it was already there.
if redis.call('ZSCORE', KEYS[2], ARGV[2]) then
  return 0
end
return redis.call('ZADD', KEYS[1], 'NX', ARGV[1], ARGV[2])
