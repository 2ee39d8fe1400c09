-- wrk script of the shadow benchmark (run.sh): PATCHes desired state (or, with METHOD=GET, reads the shadow) of random devices bench-0 .. bench-<DEVICES-1>
-- with one pre-made operator token, and prints the figures run.sh reads (accepted responses, latency percentiles).
local token = os.getenv("TOKEN")
local devices = tonumber(os.getenv("DEVICES") or "1000")
local method = os.getenv("METHOD") or "PATCH"
local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }

function setup(thread)
    thread:set("id", tostring(math.random(1, 1000000)))
end

function init(args)
    math.randomseed(os.time() + tonumber(id or "0"))
end

function request()
    local path = "/api/v1/devices/bench-" .. math.random(0, devices - 1) .. "/shadow"
    if method == "GET" then
        return wrk.format("GET", path, headers)
    end
    local body = '{"state":{"desired":{"targetTemperature":' .. math.random(40, 69) .. ',"mode":"eco"}}}'
    return wrk.format("PATCH", path, headers, body)
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("WRK requests=%d non2xx=%d connect=%d read=%d write=%d timeout=%d duration_us=%d\n",
        summary.requests, e.status, e.connect, e.read, e.write, e.timeout, summary.duration))
    io.write(string.format("WRK p50=%.2f p90=%.2f p99=%.2f p999=%.2f max=%.2f\n",
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
        latency:percentile(99.9) / 1000, latency.max / 1000))
end
