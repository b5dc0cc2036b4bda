-- KEYS: failure counters; ARGV[1]: the window in milliseconds. Counts one failure in each; a counter's
-- window starts at its first failure. Returns the number of counters.
for _, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then
    redis.call('PEXPIRE', key, ARGV[1])
  end
end
return #KEYS
