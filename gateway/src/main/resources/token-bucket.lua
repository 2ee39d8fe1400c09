-- Two token buckets taken together, atomically: KEYS[1] (the subject's or client's), KEYS[2] (the tenant's, may
-- equal KEYS[1]). ARGV: capacity and refill per millisecond of each. A request passes only if both hold a token;
-- otherwise nothing is taken and the wait until both would hold one is returned (ms).
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)

local function level(key, capacity, rate)
    local state = redis.call('HMGET', key, 'tokens', 'at')
    local tokens = tonumber(state[1])
    local at = tonumber(state[2])
    if tokens == nil or at == nil then
        return capacity
    end
    return math.min(capacity, tokens + math.max(0, now - at) * rate)
end

local cap1, rate1 = tonumber(ARGV[1]), tonumber(ARGV[2])
local cap2, rate2 = tonumber(ARGV[3]), tonumber(ARGV[4])
local t1 = level(KEYS[1], cap1, rate1)
local t2 = level(KEYS[2], cap2, rate2)
local allowed = 0
local wait = 0
if t1 >= 1 and t2 >= 1 then
    allowed = 1
    t1 = t1 - 1
    t2 = t2 - 1
else
    if t1 < 1 then wait = math.max(wait, (1 - t1) / rate1) end
    if t2 < 1 then wait = math.max(wait, (1 - t2) / rate2) end
end
redis.call('HSET', KEYS[1], 'tokens', t1, 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(cap1 / rate1) + 1000)
if KEYS[2] ~= KEYS[1] then
    redis.call('HSET', KEYS[2], 'tokens', t2, 'at', now)
    redis.call('PEXPIRE', KEYS[2], math.ceil(cap2 / rate2) + 1000)
end
return {allowed, math.ceil(wait)}
