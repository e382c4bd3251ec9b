-- 10,000 submitted seed 004 applications with their review instances, for the queue and review-action scenarios.
-- Written straight to the tables (shaped as ApplicationService and WorkflowEngine write them; the form's answers are not
-- what is measured, so they are empty). 60 % are in 沈阳 (铁西), the rest spread over four other cities; the first 200 are
-- 沈阳 applications returned for correction, which the review-action scenario extends again and again.
CREATE TEMP TABLE bench_reviews AS
SELECT n,
       ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid AS application_id,
       ('00000000-0000-4000-9000-' || lpad(to_hex(n), 12, '0'))::uuid AS instance_id,
       gen_random_uuid() AS organisation_id,
       CASE WHEN n <= 200 OR n % 5 < 3 THEN '210100' ELSE (ARRAY['210200', '210300', '210400', '210500'])[1 + n % 4] END AS city,
       CASE WHEN n <= 200 THEN 'returned' ELSE (ARRAY['cityReview', 'cityReview', 'provinceReview', 'expertReview', 'rejected'])[1 + n % 5] END AS state
FROM generate_series(1, 10000) AS n;

INSERT INTO applications (id, round_id, program_id, organisation_id, form_key, form_version, variant, answers, declarations, status,
                          submissions, created_at, updated_at, submitted_at)
SELECT b.application_id, r.id, r.program_id, b.organisation_id, f.key, f.version, 'enterprise', '{}', '[]',
       CASE b.state WHEN 'returned' THEN 'Returned' WHEN 'rejected' THEN 'Rejected' ELSE 'Submitted' END,
       1, now() - (b.n || ' minutes')::interval, now(), now() - (b.n || ' minutes')::interval
FROM bench_reviews b
CROSS JOIN (SELECT id, program_id FROM rounds WHERE key = 'high-value-patent-2026-demo') r
CROSS JOIN (SELECT key, max(version) AS version FROM form_versions WHERE key = 'high-value-patent.application' GROUP BY key) f
ON CONFLICT DO NOTHING;

INSERT INTO workflow_instances (id, subject_id, workflow_key, workflow_version, program_id, round_id, organisation_id, organisation_name,
                                city_code, district_code, owner_authority, state, phase, state_entered_at, due_at, deadline,
                                expiry_action, remind_at, reminded_at, submitted_at, updated_at, last_sequence, last_hash)
SELECT b.instance_id, b.application_id, w.key, w.version, a.program_id, a.round_id, b.organisation_id, '压测申报单位' || b.n || '有限公司',
       b.city, CASE WHEN b.city = '210100' THEN '210106' END, '210000', b.state,
       CASE b.state WHEN 'returned' THEN 'Returned' WHEN 'rejected' THEN 'Rejected' ELSE 'Review' END,
       now(), CASE WHEN b.state = 'returned' THEN now() + interval '30 days' END,
       CASE WHEN b.state = 'returned' THEN (now() + interval '29 days')::date END,
       CASE WHEN b.state = 'returned' THEN 'expire' END, NULL, NULL, a.submitted_at, now(), 0, ''
FROM bench_reviews b
JOIN applications a ON a.id = b.application_id
CROSS JOIN (SELECT key, max(version) AS version FROM workflow_versions WHERE key = 'high-value-patent.review' GROUP BY key) w
ON CONFLICT DO NOTHING;

-- Expert review: 1,000 of the applications in 专家评审 with five submitted score sheets each (seed 004 附件3), for the
-- ranking scenario.
INSERT INTO expert_assignments (id, application_id, expert_id, expert_name, rubric, state, scores, total, assigned_at, assigned_by, submitted_at)
SELECT gen_random_uuid(), b.application_id, gen_random_uuid(), '压测专家' || e, r.definition, 'Submitted',
       jsonb_build_object('plan', jsonb_build_object('score', (15 + (b.n * 7 + e * 3) % 16)::text, 'comment', '')),
       60 + (b.n * 13 + e * 17) % 40, now(), gen_random_uuid(), now()
FROM (SELECT * FROM bench_reviews WHERE state = 'expertReview' ORDER BY n LIMIT 1000) b
CROSS JOIN generate_series(1, 5) AS e
CROSS JOIN (SELECT definition FROM rubrics WHERE key = 'high-value-patent.expert') r
ON CONFLICT DO NOTHING;

-- One 公示 of fifty organisations, open today, for the public page scenario.
INSERT INTO public_notices (id, title, program_id, round_id, owner_authority, intro, start_date, working_days, end_date, state, created_at, created_by)
SELECT '00000000-0000-4000-a000-000000000001', '压测：2026年度辽宁省高价值专利培育中心拟认定名单公示', program_id, round_id, '210000',
       '公示期内，任何单位和个人均可实名提出异议。', current_date, 5, current_date + 7, 'Open', now(), gen_random_uuid()
FROM applications WHERE id = '00000000-0000-4000-8000-000000000001'
ON CONFLICT DO NOTHING;
INSERT INTO public_notice_entries (id, public_notice_id, application_id, organisation_name, position, withdrawn)
SELECT gen_random_uuid(), '00000000-0000-4000-a000-000000000001', b.application_id, '压测申报单位' || b.n || '有限公司', b.n, false
FROM bench_reviews b WHERE b.n <= 50
ON CONFLICT DO NOTHING;

VACUUM ANALYZE expert_assignments;
VACUUM ANALYZE applications;
VACUUM ANALYZE workflow_instances;
