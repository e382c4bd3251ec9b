-- The province's ranking of a round: 1,000 applications in 专家评审 with five submitted score sheets each
-- (bench/seed-reviews.sql), aggregated, trimmed and ordered on every request.
dofile(os.getenv("IPP_BENCH_REPORT"))

function init(args)
  local file = io.open(os.getenv("IPP_BENCH_DIR") .. "/province.session")
  cookie = file:read("*l"):match("([^\t]*)\t")
  file:close()
end

function request()
  return wrk.format("GET", "/review/ranking?round=high-value-patent-2026-demo", { ["Cookie"] = cookie })
end

function response(status, headers, text)
  if status ~= 200 or not string.find(text, "压测申报单位", 1, true) then
    wrk.thread:set("failed", (wrk.thread:get("failed") or 0) + 1)
  end
end
