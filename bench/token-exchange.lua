-- The token endpoint: a confidential client (client_secret_post) exchanges one of the seeded authorization codes
-- (bench/seed-oidc.sql) for an ID token, an access token and a refresh token — code marked used, grant, refresh token
-- and audit record written, two RS256 signatures. Each code is used once: threads take disjoint codes, and the
-- warm-up run (IPP_BENCH_PHASE=warmup) takes codes from another range than the measured run.
dofile(os.getenv("IPP_BENCH_ROOT") .. "/bench/threads.lua")

function init(args)
  threads = tonumber(os.getenv("IPP_BENCH_THREADS"))
  next_code = (os.getenv("IPP_BENCH_PHASE") == "warmup" and 0 or 100000) + index + 1
end

function request()
  local code = next_code
  next_code = next_code + threads
  return wrk.format("POST", "/connect/token", { ["Content-Type"] = "application/x-www-form-urlencoded" },
    "grant_type=authorization_code&code=bench-" .. code .. "&redirect_uri=https%3A%2F%2Frp.bench.invalid%2Fcb"
    .. "&client_id=bench-rp&client_secret=bench-secret-0123456789abcdef0123456789abcdef")
end

function response(status, headers, text)
  if status ~= 200 then
    wrk.thread:set("failed", (wrk.thread:get("failed") or 0) + 1)
  end
end
