-- Gives claimed entries back: each one still leased moves to the due set at ARGV[1].
-- KEYS[1] due set, KEYS[2] leased set; ARGV[1] due time (epoch ms), ARGV[2..] order ids.
local released = 0
for i = 2, #ARGV do
  if redis.call('ZREM', KEYS[2], ARGV[i]) == 1 then
    redis.call('ZADD', KEYS[1], 'NX', ARGV[1], ARGV[i])
    released = released + 1
  end
end
return released
