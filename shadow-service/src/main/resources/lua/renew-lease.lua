-- Takes or renews a lease. KEYS[1] the lease, ARGV[1] this instance, ARGV[2] time to live (ms).
-- Returns 1 when this instance holds the lease, 0 when another one does.
local holder = redis.call('GET', KEYS[1])
if holder == false then
    redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
    return 1
end
if holder == ARGV[1] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return 1
end
return 0
