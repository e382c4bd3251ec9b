-- The province's ranking of a round: 1,000 applications in 专家评审 with five submitted score sheets each
-- (bench/seed-reviews.sql), aggregated, trimmed and ordered on every request.
session, path, expected = "province", "/review/ranking?round=high-value-patent-2026-demo", "压测申报单位"
dofile(os.getenv("IPP_BENCH_ROOT") .. "/bench/staff-page.lua")
