-- Mixed traffic for wrk: 90% redirects over many keys, 9% creates, 1% admin reads.
-- Keys and secrets come from the file named by $LOAD_KEYS ("key secret" per line).
-- From $LOAD_QUIET_AT (epoch seconds) on, redirects give way to peeks, which count
-- no click: wrk drops the answers still in flight when it stops, and this way none
-- of them is a redirect, so the clicks in the database must equal the 3xx seen.
local keys, secrets = {}, {}
for line in io.lines(os.getenv("LOAD_KEYS")) do
  local key, secret = line:match("(%S+) (%S+)")
  keys[#keys + 1] = key
  secrets[#secrets + 1] = secret
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  counts = { [2] = 0, [3] = 0, [4] = 0, [5] = 0 }
  creates = 0
  quiet_at = tonumber(os.getenv("LOAD_QUIET_AT") or "0")
end

local create_headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
local admin_headers = { ["Accept"] = "application/json" }

function request()
  local roll = math.random(100)
  if roll <= 90 then
    local key = keys[math.random(#keys)]
    if quiet_at > 0 and os.time() >= quiet_at then
      return wrk.format("GET", "/peek/" .. key, admin_headers)
    end
    return wrk.format("GET", "/" .. key)
  elseif roll <= 99 then
    creates = creates + 1
    local body = '{"target_url": "https://example.com/load/' .. creates .. '"}'
    return wrk.format("POST", "/url", create_headers, body)
  else
    return wrk.format("GET", "/admin/" .. secrets[math.random(#secrets)], admin_headers)
  end
end

function response(status, headers, body)
  local class = math.floor(status / 100)
  counts[class] = (counts[class] or 0) + 1
end

function done(summary, latency, requests)
  local totals = { [2] = 0, [3] = 0, [4] = 0, [5] = 0 }
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for class, n in pairs(c) do
      totals[class] = (totals[class] or 0) + n
    end
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d 2xx=%d 3xx=%d 4xx=%d 5xx=%d socket_errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, totals[2], totals[3], totals[4], totals[5],
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
