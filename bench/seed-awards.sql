-- 10,000 awards and 10,000 obligations of theirs, for the queue scenario (applications and obligations together) and
-- the timer job's pass (./ipp bench runs "run-timers" once over them). Written straight to the tables, shaped as
-- GrantAward and OpenObligation write them (answers empty: they are not what is measured). 9,000 are seed 004 centres
-- (60 % in 沈阳), 1,000 Shenyang outlets (seed 002, which expire at the end of their filing), 100 of which have just
-- reached it; each award owes one annual report: due, overdue or with the city.
CREATE TEMP TABLE bench_awards AS
SELECT n,
       ('00000000-0000-4000-b000-' || lpad(to_hex(n), 12, '0'))::uuid AS application_id,
       ('00000000-0000-4000-b100-' || lpad(to_hex(n), 12, '0'))::uuid AS instance_id,
       ('00000000-0000-4000-b200-' || lpad(to_hex(n), 12, '0'))::uuid AS award_id,
       ('00000000-0000-4000-b300-' || lpad(to_hex(n), 12, '0'))::uuid AS filing_id,
       ('00000000-0000-4000-b400-' || lpad(to_hex(n), 12, '0'))::uuid AS filing_instance_id,
       gen_random_uuid() AS organisation_id,
       n > 9000 AS outlet,
       CASE WHEN n > 9000 OR n % 5 < 3 THEN '210100' ELSE (ARRAY['210200', '210300', '210400', '210500'])[1 + n % 4] END AS city,
       (ARRAY['due', 'due', 'due', 'due', 'due', 'overdue', 'overdue', 'cityReview', 'cityReview', 'cityReview'])[1 + n % 10] AS filing_state
FROM generate_series(1, 10000) AS n;

INSERT INTO applications (id, kind, round_id, program_id, organisation_id, form_key, form_version, variant, answers, declarations, status,
                          submissions, created_at, updated_at, submitted_at)
SELECT b.application_id, 'Application', r.id, r.program_id, b.organisation_id, f.key, f.version, NULL, '{}', '[]', 'Approved',
       1, now() - interval '400 days', now(), now() - interval '400 days'
FROM bench_awards b
JOIN (SELECT r.id, r.program_id, p.module_id FROM rounds r JOIN programs p ON p.id = r.program_id
      WHERE r.key IN ('high-value-patent-2026-demo', 'shenyang-info-outlet-2026-demo')) r ON r.module_id = CASE WHEN b.outlet THEN 'info-outlet' ELSE 'high-value-patent' END
JOIN (SELECT key, max(version) AS version FROM form_versions WHERE key IN ('high-value-patent.application', 'info-outlet.application') GROUP BY key) f
  ON f.key = CASE WHEN b.outlet THEN 'info-outlet.application' ELSE 'high-value-patent.application' END
ON CONFLICT DO NOTHING;

INSERT INTO workflow_instances (id, subject_id, kind, workflow_key, workflow_version, program_id, round_id, organisation_id, organisation_name,
                                city_code, district_code, owner_authority, state, phase, state_entered_at, submitted_at, updated_at, last_sequence, last_hash)
SELECT b.instance_id, b.application_id, 'Application', w.key, w.version, a.program_id, a.round_id, b.organisation_id, '压测获批单位' || b.n,
       b.city, CASE WHEN b.city = '210100' THEN '210102' END, CASE WHEN b.outlet THEN '210100' ELSE '210000' END,
       CASE WHEN b.outlet THEN 'filed' ELSE 'approved' END, 'Approved', now() - interval '400 days', a.submitted_at, now(), 0, ''
FROM bench_awards b
JOIN applications a ON a.id = b.application_id
JOIN (SELECT key, max(version) AS version FROM workflow_versions WHERE key IN ('high-value-patent.review', 'info-outlet.review') GROUP BY key) w
  ON w.key = CASE WHEN b.outlet THEN 'info-outlet.review' ELSE 'high-value-patent.review' END
ON CONFLICT DO NOTHING;

INSERT INTO awards (id, program_id, round_id, application_id, organisation_id, organisation_name, city_code, district_code, owner_authority, title,
                    start_date, period_kind, period_label, end_date, status, directory, renewals, created_at, updated_at, last_sequence, last_hash)
SELECT b.award_id, a.program_id, a.round_id, b.application_id, b.organisation_id, '压测获批单位' || b.n, b.city,
       CASE WHEN b.city = '210100' THEN '210102' END, CASE WHEN b.outlet THEN '210100' ELSE '210000' END,
       CASE WHEN b.outlet THEN '沈阳市知识产权信息公共服务网点' ELSE '辽宁省高价值专利培育中心' END,
       current_date - 400, CASE WHEN b.outlet THEN 'validity' ELSE 'construction' END, CASE WHEN b.outlet THEN '备案有效期' ELSE '建设期' END,
       CASE WHEN b.outlet AND b.n > 9900 THEN current_date - 1 ELSE current_date - 400 + 730 END,
       CASE WHEN b.outlet THEN 'Operating' ELSE 'Construction' END,
       jsonb_build_object('name', '压测获批单位' || b.n), 0, now() - interval '400 days', now(), 0, ''
FROM bench_awards b
JOIN applications a ON a.id = b.application_id
ON CONFLICT DO NOTHING;

INSERT INTO applications (id, kind, award_id, obligation_key, period_label, opens_on, due_on, round_id, program_id, organisation_id, form_key,
                          form_version, answers, declarations, status, submissions, created_at, updated_at, submitted_at)
SELECT b.filing_id, 'Obligation', b.award_id, o.key, '第1年度', current_date - 40, current_date - 40 + 30, a.round_id, a.program_id,
       b.organisation_id, f.key, f.version, '{}', '[]', CASE WHEN b.filing_state = 'cityReview' THEN 'Submitted' ELSE 'Draft' END,
       CASE WHEN b.filing_state = 'cityReview' THEN 1 ELSE 0 END, now() - interval '40 days', now(),
       CASE WHEN b.filing_state = 'cityReview' THEN now() - interval '5 days' END
FROM bench_awards b
JOIN applications a ON a.id = b.application_id
CROSS JOIN LATERAL (SELECT CASE WHEN b.outlet THEN 'annual-summary' ELSE 'annual-report' END AS key) o
JOIN (SELECT key, max(version) AS version FROM form_versions WHERE key IN ('high-value-patent.annual-report', 'info-outlet.annual-summary') GROUP BY key) f
  ON f.key = CASE WHEN b.outlet THEN 'info-outlet.annual-summary' ELSE 'high-value-patent.annual-report' END
ON CONFLICT DO NOTHING;

INSERT INTO workflow_instances (id, subject_id, kind, workflow_key, workflow_version, program_id, round_id, organisation_id, organisation_name,
                                city_code, district_code, owner_authority, state, phase, state_entered_at, due_at, deadline, expiry_action,
                                submitted_at, updated_at, last_sequence, last_hash)
SELECT b.filing_instance_id, b.filing_id, 'Obligation', w.key, w.version, a.program_id, a.round_id, b.organisation_id, '压测获批单位' || b.n,
       b.city, CASE WHEN b.city = '210100' THEN '210102' END, CASE WHEN b.outlet THEN '210100' ELSE '210000' END, b.filing_state,
       CASE WHEN b.filing_state = 'cityReview' THEN 'Review' ELSE 'Draft' END, now() - interval '40 days',
       CASE WHEN b.filing_state = 'cityReview' THEN NULL WHEN b.filing_state = 'overdue' THEN now() - interval '10 days' ELSE now() + interval '20 days' END,
       CASE WHEN b.filing_state = 'cityReview' THEN NULL WHEN b.filing_state = 'overdue' THEN current_date - 11 ELSE current_date + 19 END,
       CASE WHEN b.filing_state = 'due' THEN 'markOverdue' END,
       a.submitted_at, now(), 0, ''
FROM bench_awards b
JOIN applications a ON a.id = b.filing_id
JOIN (SELECT key, max(version) AS version FROM workflow_versions WHERE key IN ('high-value-patent.annual-report', 'info-outlet.annual-summary') GROUP BY key) w
  ON w.key = CASE WHEN b.outlet THEN 'info-outlet.annual-summary' ELSE 'high-value-patent.annual-report' END
ON CONFLICT DO NOTHING;

VACUUM ANALYZE applications;
VACUUM ANALYZE workflow_instances;
VACUUM ANALYZE awards;
