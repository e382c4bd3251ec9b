-- Shared by the application scenarios: each request is one applicant's POST to its own 004 application (or, with `list`
-- and `bodyfile` set, to its own obligation filing). bench/run gives
-- these scenarios one wrk thread per connection, and each thread takes its own share of the applicants
-- bench/applicants.js signed in, so one application never has two saves in flight (one browser saves one at a time).
dofile(os.getenv("IPP_BENCH_ROOT") .. "/bench/threads.lua")

function init(args)
  local dir, threads = os.getenv("IPP_BENCH_DIR"), tonumber(os.getenv("IPP_BENCH_THREADS"))
  local all = {}
  for line in io.lines(dir .. "/" .. (list or "applicants.tsv")) do
    local cookie, token, id = line:match("([^\t]*)\t([^\t]*)\t([^\t]*)")
    table.insert(all, { cookie = cookie, token = token, id = id })
  end
  local file = io.open(dir .. "/" .. (bodyfile or "application.body"))
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

-- A save refused because another save of the same application came first is counted apart ("conflicts"); with one
-- connection per thread there should be none.
function response(status, headers, text)
  if status == 200 and string.find(text, "其他成员修改过", 1, true) then
    wrk.thread:set("conflicts", (wrk.thread:get("conflicts") or 0) + 1)
  elseif status ~= 200 or not string.find(text, expected, 1, true) then
    wrk.thread:set("failed", (wrk.thread:get("failed") or 0) + 1)
  end
end
