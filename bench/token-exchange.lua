-- The token endpoint: a confidential client (client_secret_post) exchanges one of the codes bench/oidc-codes.js just
-- obtained for an ID token, an access token and a refresh token — the code redeemed, the tokens' entries and the audit
-- record written, two RS256 signatures. Each code is used once: threads take disjoint codes, and the warm-up run
-- (IPP_BENCH_PHASE=warmup) takes them from the start of the file, the measured run from line 3001 on.
dofile(os.getenv("IPP_BENCH_ROOT") .. "/bench/threads.lua")

function init(args)
  threads = tonumber(os.getenv("IPP_BENCH_THREADS"))
  codes = {}
  for line in io.lines(os.getenv("IPP_BENCH_DIR") .. "/codes.txt") do table.insert(codes, line) end
  next_code = (os.getenv("IPP_BENCH_PHASE") == "warmup" and 0 or 3000) + index + 1
end

function request()
  local code = codes[next_code] or "exhausted"
  next_code = next_code + threads
  return wrk.format("POST", "/connect/token", { ["Content-Type"] = "application/x-www-form-urlencoded" },
    "grant_type=authorization_code&code=" .. code .. "&redirect_uri=https%3A%2F%2Frp.bench.invalid%2Fcb"
    .. "&client_id=bench-rp&client_secret=bench-secret-0123456789abcdef0123456789abcdef")
end

function response(status, headers, text)
  if status ~= 200 then
    wrk.thread:set("failed", (wrk.thread:get("failed") or 0) + 1)
  end
end
