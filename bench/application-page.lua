-- The application page as its applicant opens it: the whole 表1 rendered with the unit's certified name and credit code
-- filled from its profile (read-only) and every setting quoted in the form's text resolved for the program.
dofile(os.getenv("IPP_BENCH_ROOT") .. "/bench/applicants.lua")

function request()
  turn = turn % #mine + 1
  local a = mine[turn]
  return wrk.format("GET", "/applications/" .. a.id, { ["Cookie"] = a.cookie })
end

function response(status, headers, text)
  if status ~= 200 or not string.find(text, "application-form", 1, true) then
    wrk.thread:set("failed", (wrk.thread:get("failed") or 0) + 1)
  end
end
