-- One script for every scenario:
--   wrk -s scenario.lua URL -- SCENARIO TARGET IDS_FILE [KEYSET_PATH] [KEY]
-- KEY, when given and not empty, goes out as "Authorization: Bearer KEY" on every request
-- (run.sh passes it to the service, never to the floor, which has no authentication).
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "?.lua"
require("common")

local scenario
local counter = 0
thread_tag = "0"
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_tag", tostring(threads) .. "t" .. tostring(os.time()))
end

function init(args)
  scenario, target = args[1], args[2]
  load_ids(args[3])
  keyset_path = args[4]
  set_key(args[5])
  math.randomseed(os.time() + #thread_tag * 7919 + string.byte(thread_tag, 1) * 104729)
end

local function list_path(parameters)
  if target == "floor" then
    local query = {}
    if parameters.start then query[#query + 1] = "start=" .. parameters.start .. "&end=" .. parameters.stop end
    if parameters.email then query[#query + 1] = "email=" .. urlencode(parameters.email) end
    if parameters.q then query[#query + 1] = "q=" .. urlencode(parameters.q) end
    return "/users?" .. table.concat(query, "&")
  end
  local query = {}
  if parameters.start then query[#query + 1] = "range=" .. urlencode("[" .. parameters.start .. "," .. parameters.stop .. "]") end
  if parameters.email then query[#query + 1] = "filter=" .. urlencode('{"email":"' .. parameters.email .. '"}') end
  if parameters.q then query[#query + 1] = "filter=" .. urlencode('{"q":"' .. parameters.q .. '"}') end
  return "/users?" .. table.concat(query, "&")
end

local function request_for(name)
  if name == "get-user" then
    return wrk.format("GET", "/users/" .. random_id(), headers())
  elseif name == "list" then
    return wrk.format("GET", list_path({}), headers())
  elseif name == "filter-email" then
    return wrk.format("GET", list_path({ email = "user" .. math.random(0, 9999) .. "@bench.test" }), headers())
  elseif name == "search-q" then
    return wrk.format("GET", list_path({ q = "grace" }), headers())
  elseif name == "deep-page" then
    return wrk.format("GET", list_path({ start = 50000, stop = 50009 }), headers())
  elseif name == "deep-keyset" then
    -- the same rows as deep-page, by the cursor of the row before them (run.sh finds it)
    return wrk.format("GET", keyset_path, headers())
  elseif name == "count" then
    return wrk.format("GET", list_path({ start = 0, stop = 0 }), headers())
  elseif name == "post-user" then
    counter = counter + 1
    local name_ = "bench" .. thread_tag .. "x" .. counter
    return wrk.format("POST", "/users", headers({ ["Content-Type"] = "application/json" }),
      '{"name":"' .. name_ .. '","email":"' .. name_ .. '@post.test"}')
  elseif name == "put-user" then
    counter = counter + 1
    return wrk.format("PUT", "/users/" .. random_id(), headers({ ["Content-Type"] = "application/json" }),
      '{"name":"renamed ' .. counter .. '"}')
  elseif name == "content-100k" then
    return wrk.format("GET", "/storage/bench-100k/content", headers())
  elseif name == "mixed" then
    local roll = math.random(100)
    if roll <= 45 then return request_for("get-user")
    elseif roll <= 90 then return request_for("list")
    else return request_for("put-user") end
  end
  error("unknown scenario " .. tostring(name))
end

function request()
  return request_for(scenario)
end
