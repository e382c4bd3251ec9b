-- The province reviewer's queue over every application and obligation it may see (10,000 applications in review seeded
-- by bench/seed-reviews.sql, 10,000 approved ones and 10,000 obligations of their awards by bench/seed-awards.sql):
-- scope, counts by state, the "待我处理" count, one sorted page of 50.
session, path, expected = "province", "/review?view=all", "共 30"
dofile(os.getenv("IPP_BENCH_ROOT") .. "/bench/staff-page.lua")
