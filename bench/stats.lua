-- The province reviewer's statistics of the 004 demo round (bench/seed-reviews.sql, bench/seed-awards.sql and the histories
-- of bench/seed-stats.sql): counts by state, city and district, decisions and their working-day medians, 公示, awards.
session, path, expected = "province", "/staff/stats?program=high-value-patent&round=high-value-patent-2026-demo", "统计时间"
dofile(os.getenv("IPP_BENCH_ROOT") .. "/bench/staff-page.lua")
