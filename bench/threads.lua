-- Shared by the scenarios that give wrk one thread per connection (bench/run): each thread learns its index, so it can
-- take its own share of the applications and never race itself.
dofile(os.getenv("IPP_BENCH_REPORT"))
local report_setup = setup
local started = 0

function setup(thread)
  report_setup(thread)
  thread:set("index", started)
  started = started + 1
end
