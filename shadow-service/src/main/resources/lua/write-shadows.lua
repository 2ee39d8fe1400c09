-- Writes devices' shadows, each only if nobody else wrote it since it was read, and queues what must follow each
-- write. One run takes a batch of writes; each is decided on its own (a refused one does not stop the others), in
-- order, so of two writes of one shadow read at the same version the second finds it changed.
-- KEYS[1] the Kafka outbox stream, KEYS[2] the MQTT outbox stream, KEYS[2 + i] the hash (type, version, doc, rev) of
-- the device of the i-th write.
-- ARGV: 11 for each write, those of the i-th from ARGV[11 * (i - 1) + 1] on:
--   +1 the version read (0 when none), +2 the revision read ('' when it need not be checked),
--   +3 'put' | 'delete' (keeps the version) | 'purge' (forgets the device), +4 the new version, +5 the new revision,
--   +6 the new document ('put'), +7 the shadow.updated event ('' for none), +8 its Kafka key,
--   +9 '1' to push the delta to the device, +10 tenant, +11 device id.
-- Every write sets a new random revision, so a writer that read (or remembered) a shadow knows nobody wrote it since,
-- even after Redis lost writes.
-- Returns two values for each write: 1, version: written; 0, 0: unknown device; -1, current version: changed since
-- read; -2, an error: the device's key is not a shadow's hash, or its version is not a number (that write alone
-- fails, the others go on).
local result = {}
for i = 1, #KEYS - 2 do
    local key = KEYS[i + 2]
    local a = 11 * (i - 1)
    local stored = redis.pcall('HMGET', key, 'type', 'version', 'rev')
    local code, version = 0, 0
    if stored.err then
        code, version = -2, stored.err
    elseif stored[1] and not tonumber(stored[2] or '0') then
        code, version = -2, 'the version field is not a number'
    elseif stored[1] then
        version = tonumber(stored[2] or '0')
        code = -1
        if version == tonumber(ARGV[a + 1]) and (ARGV[a + 2] == '' or stored[3] == ARGV[a + 2]) then
            local mode = ARGV[a + 3]
            if mode == 'put' then
                redis.call('HSET', key, 'version', ARGV[a + 4], 'doc', ARGV[a + 6], 'rev', ARGV[a + 5])
            elseif mode == 'delete' then
                redis.call('HSET', key, 'version', ARGV[a + 4], 'rev', ARGV[a + 5])
                redis.call('HDEL', key, 'doc')
            else
                redis.call('DEL', key)
            end
            if ARGV[a + 7] ~= '' then
                redis.call('XADD', KEYS[1], '*', 'key', ARGV[a + 8], 'event', ARGV[a + 7])
            end
            if ARGV[a + 9] == '1' then
                redis.call('XADD', KEYS[2], '*', 'tenant', ARGV[a + 10], 'device', ARGV[a + 11])
            end
            code, version = 1, tonumber(ARGV[a + 4])
        end
    end
    result[2 * i - 1] = code
    result[2 * i] = version
end
return result
