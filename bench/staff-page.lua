-- Shared by the staff page scenarios: a GET of `path` with a reviewer's session (bench/reviewers.js wrote
-- $IPP_BENCH_DIR/<session>.session); an answer that is not 200 or lacks `expected` counts as an error.
dofile(os.getenv("IPP_BENCH_REPORT"))

function init(args)
  local file = io.open(os.getenv("IPP_BENCH_DIR") .. "/" .. session .. ".session")
  cookie = file:read("*l"):match("([^\t]*)\t")
  file:close()
end

function request()
  return wrk.format("GET", path, { ["Cookie"] = cookie })
end

function response(status, headers, text)
  if status ~= 200 or not string.find(text, expected, 1, true) then
    wrk.thread:set("failed", (wrk.thread:get("failed") or 0) + 1)
  end
end
