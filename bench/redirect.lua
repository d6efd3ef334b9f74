-- wrk: GET /<key> over random keys from $BENCH_KEYS ("key secret" per line), counting 3xx.
-- In the last second ($BENCH_QUIET_AT, epoch seconds) it asks for /robots.txt instead
-- (as cheap, no click), so no redirect is in flight when wrk stops and drops answers:
-- the clicks stored must then equal the 3xx counted here.
local paths = {}
local mode = os.getenv("BENCH_MODE") or "redirect"
for line in io.lines(os.getenv("BENCH_KEYS")) do
  local key, secret = line:match("(%S+) (%S+)")
  if mode == "admin" then
    paths[#paths + 1] = "/admin/" .. secret
  else
    paths[#paths + 1] = "/" .. key
  end
end

local threads = {}
function setup(thread) table.insert(threads, thread) end

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  redirects, others, created = 0, 0, 0
  quiet_at = tonumber(os.getenv("BENCH_QUIET_AT") or "0")
end

local json = { ["Accept"] = "application/json" }
local create = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }

function request()
  if quiet_at > 0 and os.time() >= quiet_at then
    return wrk.format("GET", "/robots.txt")
  end
  if mode == "admin" then
    return wrk.format("GET", paths[math.random(#paths)], json)
  elseif mode == "create" then
    created = created + 1
    return wrk.format("POST", "/url", create, '{"target_url": "https://example.com/new/' .. created .. '"}')
  end
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  if status >= 300 and status < 400 then redirects = redirects + 1 else others = others + 1 end
end

function done(summary, latency, requests)
  local r, o = 0, 0
  for _, t in ipairs(threads) do
    r = r + t:get("redirects")
    o = o + t:get("others")
  end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d 3xx=%d other=%d errors=%d non2xx3xx=%d p50_us=%d p99_us=%d duration_us=%d\n",
    summary.requests, r, o, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), summary.duration))
end
