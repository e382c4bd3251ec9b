-- Shared by the application scenarios: each request is one applicant's POST to its own 004 application. The two wrk
-- threads take turns over the applicants bench/applicants.js signed in (thread 1 the odd ones, thread 2 the even ones).
dofile(os.getenv("IPP_BENCH_REPORT"))
local report_setup = setup
local started = 0

function setup(thread)
  report_setup(thread)
  thread:set("index", started)
  started = started + 1
end

function init(args)
  local dir, threads = os.getenv("IPP_BENCH_DIR"), 2
  local all = {}
  for line in io.lines(dir .. "/applicants.tsv") do
    local cookie, token, id = line:match("([^\t]*)\t([^\t]*)\t([^\t]*)")
    table.insert(all, { cookie = cookie, token = token, id = id })
  end
  local file = io.open(dir .. "/application.body")
  body = file:read("*a")
  file:close()
  mine, turn = {}, 0
  for k = index + 1, #all, threads do table.insert(mine, all[k]) end
end

function request()
  turn = turn % #mine + 1
  local a = mine[turn]
  return wrk.format("POST", "/applications/" .. a.id .. "/" .. handler,
    { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = a.cookie },
    body .. "&__RequestVerificationToken=" .. a.token)
end

-- wrk cannot tie a response to its request, so two saves of one application can be in flight at once; the platform
-- refuses the later one rather than lose an edit. Those refusals are counted apart ("conflicts"), not as errors.
function response(status, headers, text)
  if status == 200 and string.find(text, "其他成员修改过", 1, true) then
    wrk.thread:set("conflicts", (wrk.thread:get("conflicts") or 0) + 1)
  elseif status ~= 200 or not string.find(text, expected, 1, true) then
    wrk.thread:set("failed", (wrk.thread:get("failed") or 0) + 1)
  end
end
