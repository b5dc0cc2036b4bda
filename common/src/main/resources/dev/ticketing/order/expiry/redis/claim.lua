-- Removes the entries ARGV[4..] (claimed earlier, their work done), then claims up to ARGV[3] entries:
-- first those whose lease ran out by ARGV[1] (their claimer died), then those due by ARGV[1]; moves
-- each into the leased set with score ARGV[2] (the lease's end). One round trip per batch.
-- KEYS[1] due set, KEYS[2] leased set; ARGV[1] now, ARGV[2] lease end (epoch ms), ARGV[3] limit.
-- Atomic: two claims never return the same entry while its lease runs.
if #ARGV > 3 then
  redis.call('ZREM', KEYS[2], unpack(ARGV, 4))
end
local limit = tonumber(ARGV[3])
local claimed = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, limit)
if #claimed < limit then
  local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, limit - #claimed)
  if #due > 0 then
    redis.call('ZREM', KEYS[1], unpack(due))
    for i = 1, #due do
      claimed[#claimed + 1] = due[i]
    end
  end
end
if #claimed > 0 then
  local leases = {}
  for i = 1, #claimed do
    leases[2 * i - 1] = ARGV[2]
    leases[2 * i] = claimed[i]
  end
  redis.call('ZADD', KEYS[2], unpack(leases))
end
return claimed
