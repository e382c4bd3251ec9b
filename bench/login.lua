-- POSTs the login form of a demo account. bench/run fetches an antiforgery token and its cookie first
-- (IPP_BENCH_TOKEN, IPP_BENCH_COOKIE); a successful sign-in answers 302.
dofile(os.getenv("IPP_BENCH_REPORT"))
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("IPP_BENCH_COOKIE")
wrk.body = "Input.Email=materials.admin%40example.com&Input.Password=" .. os.getenv("IPP_BENCH_PASSWORD")
  .. "&__RequestVerificationToken=" .. os.getenv("IPP_BENCH_TOKEN")

response = function(status, headers, body)
  if status ~= 302 or not string.find(headers["Location"] or "", "/org", 1, true) then
    wrk.thread:set("failed", (wrk.thread:get("failed") or 0) + 1)
  end
end
