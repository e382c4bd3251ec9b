-- The 沈阳 city reviewer's statistics of every program it reaches (no program or round chosen).
session, path, expected = "reviewer", "/staff/stats", "统计时间"
dofile(os.getenv("IPP_BENCH_ROOT") .. "/bench/staff-page.lua")
