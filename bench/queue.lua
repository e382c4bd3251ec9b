-- The province reviewer's queue over every application it may see (10,000 seeded by bench/seed-reviews.sql):
-- scope, counts by state, the "待我处理" count, one sorted page of 50.
dofile(os.getenv("IPP_BENCH_REPORT"))

function init(args)
  local file = io.open(os.getenv("IPP_BENCH_DIR") .. "/province.session")
  cookie = file:read("*l"):match("([^\t]*)\t")
  file:close()
end

function request()
  return wrk.format("GET", "/review?view=all", { ["Cookie"] = cookie })
end

function response(status, headers, text)
  if status ~= 200 or not string.find(text, "共 10", 1, true) then
    wrk.thread:set("failed", (wrk.thread:get("failed") or 0) + 1)
  end
end
