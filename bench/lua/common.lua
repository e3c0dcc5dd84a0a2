-- Shared by every scenario: ids to pick from, the target (service or floor), and a JSON
-- summary line that run.sh reads.
local ids = {}
target = "service"

local authorization = nil

-- The bearer key every request carries; nil or "" sends none (the floor).
function set_key(key)
  if key and key ~= "" then authorization = "Bearer " .. key end
end

-- A fresh header table for wrk.format (which adds Host and Content-Length to it), with
-- the key's Authorization header when there is one.
function headers(extra)
  local result = {}
  if authorization then result["Authorization"] = authorization end
  for name, value in pairs(extra or {}) do result[name] = value end
  return result
end

function load_ids(path)
  for line in io.lines(path) do ids[#ids + 1] = line end
end

function random_id()
  return ids[math.random(#ids)]
end

function urlencode(text)
  return (text:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1000000
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format('RESULT {"rps":%.1f,"p50":%.2f,"p99":%.2f,"requests":%d,"errors":%d}\n',
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests, errors))
end
