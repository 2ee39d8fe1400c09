-- Writes a device's shadow if nobody else did since it was read, and queues what must follow, atomically.
-- KEYS[1] the device's hash (type, version, doc, rev), KEYS[2] the Kafka outbox stream, KEYS[3] the MQTT outbox stream
-- ARGV[1] the version read (0 when none), ARGV[2] 'put' | 'delete' (keeps the version) | 'purge' (forgets the device)
-- ARGV[3] the new version, ARGV[4] the new document ('put'), ARGV[5] the shadow.updated event ('' for none),
-- ARGV[6] its Kafka key, ARGV[7] '1' to push the delta to the device, ARGV[8] tenant, ARGV[9] device id,
-- ARGV[10] the revision read ('' when it need not be checked), ARGV[11] the new revision. Every write sets a new random
-- revision, so a writer that read (or remembered) a shadow knows nobody wrote it since, even after Redis lost writes.
-- Returns {1, version} written, {0, 0} unknown device, {-1, current version} changed since read.
if redis.call('HEXISTS', KEYS[1], 'type') == 0 then
    return {0, 0}
end
local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if current ~= tonumber(ARGV[1]) or (ARGV[10] ~= '' and redis.call('HGET', KEYS[1], 'rev') ~= ARGV[10]) then
    return {-1, current}
end
if ARGV[2] == 'put' then
    redis.call('HSET', KEYS[1], 'version', ARGV[3], 'doc', ARGV[4], 'rev', ARGV[11])
elseif ARGV[2] == 'delete' then
    redis.call('HSET', KEYS[1], 'version', ARGV[3], 'rev', ARGV[11])
    redis.call('HDEL', KEYS[1], 'doc')
else
    redis.call('DEL', KEYS[1])
end
if ARGV[5] ~= '' then
    redis.call('XADD', KEYS[2], '*', 'key', ARGV[6], 'event', ARGV[5])
end
if ARGV[7] == '1' then
    redis.call('XADD', KEYS[3], '*', 'tenant', ARGV[8], 'device', ARGV[9])
end
return {1, tonumber(ARGV[3])}
