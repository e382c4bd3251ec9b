-- 提交 of a fully filled 表1: the save and the whole validation (fields, totals, eligibility, attachments). The
-- declarations are left unticked so the answer is always the problem list and the application stays a draft: every
-- request does the full work and none ends the scenario by changing the status.
handler, expected = "Submit", "需要补充或修改"
dofile(os.getenv("IPP_BENCH_ROOT") .. "/bench/applicants.lua")
