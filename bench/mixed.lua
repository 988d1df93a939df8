-- Mixed load for bench/mixed.sh: each connection cycles through signed-in
-- pages, server-function reads and writes (a like, a forum reply, a new
-- contact), and every response status is counted.
--   wrk ... -s bench/mixed.lua URL -- COOKIE ORIGIN

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  n = 0
  local cookie, origin = args[1], args[2]
  get_headers = { ["Cookie"] = cookie, ["Accept"] = "text/html" }
  post_headers = {
    ["Cookie"] = cookie,
    ["Origin"] = origin,
    ["Accept"] = "application/json",
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }
  pages = { "/", "/forum", "/forum/topics/1", "/funds", "/contacts", "/campaigns", "/cobrand", "/account" }
end

local function post(path, body)
  local headers = {}
  for k, v in pairs(post_headers) do headers[k] = v end
  return wrk.format("POST", path, headers, body)
end

function request()
  n = n + 1
  local step = n % 12
  if step < #pages then
    local headers = {}
    for k, v in pairs(get_headers) do headers[k] = v end
    return wrk.format("GET", pages[step + 1], headers)
  elseif step == 8 then
    return post("/api/get_forum", "")
  elseif step == 9 then
    -- Toggles a like on one of topic 1's posts.
    return post("/api/like_post", "post_id=" .. (n % 40 + 2))
  elseif step == 10 then
    return post("/api/reply_to_topic", "topic_id=3&body=Mixed+load+reply+" .. id .. "-" .. n)
  end
  return post("/api/add_contact", "email=load-" .. id .. "-" .. n .. "%40mixed.example&consent=on")
end

function response(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total, server_errors = {}, 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  local codes = {}
  for status in pairs(total) do table.insert(codes, status) end
  table.sort(codes)
  for _, status in ipairs(codes) do
    io.write(string.format("  HTTP %d: %d\n", status, total[status]))
    if status >= 500 then server_errors = server_errors + total[status] end
  end
  io.write(string.format("  requests %d, %.0f req/s, p50 %.1f ms, p99 %.1f ms, socket errors %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("  5xx: %d\n", server_errors))
end
