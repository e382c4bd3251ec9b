-- wrk reporter: one machine-readable line with throughput, latency percentiles (ms) and errors. Scripts that check
-- responses count their own failures per thread ("failed"), which are added to the errors here.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
               + summary.errors.status + summary.errors.timeout
  local conflicts = 0
  for _, thread in ipairs(threads) do
    errors = errors + (thread:get("failed") or 0)
    conflicts = conflicts + (thread:get("conflicts") or 0)
  end
  io.write(string.format("RESULT rps=%.0f p50=%.2f p95=%.2f p99=%.2f max=%.2f requests=%d errors=%d conflicts=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests, errors, conflicts))
end
