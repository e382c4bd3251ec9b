-- A review action: the 沈阳 city reviewer extends the correction deadline of one of the 200 returned applications
-- (bench/seed-reviews.sql): role, scope, inputs, timer in working days, hash-chained history entry, notification and
-- audit record, one transaction. One connection per thread, each thread on its own applications.
dofile(os.getenv("IPP_BENCH_ROOT") .. "/bench/threads.lua")

function init(args)
  local dir, threads = os.getenv("IPP_BENCH_DIR"), tonumber(os.getenv("IPP_BENCH_THREADS"))
  local file = io.open(dir .. "/reviewer.session")
  cookie, token = file:read("*l"):match("([^\t]*)\t([^\t]*)")
  file:close()
  mine, turn = {}, 0
  for n = index + 1, 200, threads do table.insert(mine, string.format("00000000-0000-4000-8000-%012x", n)) end
  body = "action=extendDeadline&extendDeadline.deadline=" .. os.getenv("IPP_BENCH_DEADLINE")
    .. "&extendDeadline.reason=%E5%8D%95%E4%BD%8D%E7%94%B3%E8%AF%B7%E5%BB%B6%E6%9C%9F&__RequestVerificationToken=" .. token
end

function request()
  turn = turn % #mine + 1
  return wrk.format("POST", "/review/" .. mine[turn] .. "/Act",
    { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie }, body)
end

function response(status, headers, text)
  if status ~= 302 then
    wrk.thread:set("failed", (wrk.thread:get("failed") or 0) + 1)
  end
end
