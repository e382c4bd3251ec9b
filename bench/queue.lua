-- The province reviewer's queue over every application it may see (10,000 seeded by bench/seed-reviews.sql):
-- scope, counts by state, the "待我处理" count, one sorted page of 50.
session, path, expected = "province", "/review?view=all", "共 10"
dofile(os.getenv("IPP_BENCH_ROOT") .. "/bench/staff-page.lua")
