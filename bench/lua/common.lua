-- Shared by every scenario: ids to pick from, the target (service or floor), and a JSON
-- summary line that run.sh reads.
local ids = {}
target = "service"

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
