-- Draft autosave (htmx): the whole 表1 saved without validation; answered with a one-line status.
handler, expected = "Autosave", "已自动保存"
dofile(os.getenv("IPP_BENCH_ROOT") .. "/bench/applicants.lua")
