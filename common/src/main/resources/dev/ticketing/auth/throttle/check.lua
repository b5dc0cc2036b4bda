-- KEYS: failure counters; ARGV: the limit of each. Returns the milliseconds until the longest-blocked
-- counter at or over its limit expires, or 0 when none is.
local wait = 0
for i, key in ipairs(KEYS) do
  local count = tonumber(redis.call('GET', key) or '0')
  if count >= tonumber(ARGV[i]) then
    local ttl = redis.call('PTTL', key)
    if ttl < 0 then ttl = 1 end
    if ttl > wait then wait = ttl end
  end
end
return wait
