-- 报送 of a fully filled 年度工作报告 (seed 004): the save and the whole validation, answered with the problem list
-- (the report's declaration is left unticked, so the filing stays open and every request does the full work).
handler, expected, list, bodyfile = "Submit", "需要补充或修改", "reports.tsv", "report.body"
dofile(os.getenv("IPP_BENCH_ROOT") .. "/bench/applicants.lua")
