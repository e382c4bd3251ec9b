-- For the filing scenario: each of the 200 bench applicants (bench/applicants.js) holds a recognised 004 centre whose
-- first 年度工作报告 is open (a year after the award, due in a month). Shaped as GrantAward and OpenObligation write them.
INSERT INTO awards (id, program_id, round_id, application_id, organisation_id, organisation_name, city_code, district_code, owner_authority, title,
                    start_date, period_kind, period_label, end_date, status, directory, renewals, created_at, updated_at, last_sequence, last_hash)
SELECT gen_random_uuid(), a.program_id, a.round_id, a.id, a.organisation_id, o.name, '210100', '210106', '210000', '辽宁省高价值专利培育中心',
       current_date - 370, 'construction', '建设期', current_date - 370 + 730, 'Construction', '{}', 0, now(), now(), 0, ''
FROM applications a JOIN organisations o ON o.id = a.organisation_id
WHERE o.name LIKE '压测企业%' AND a.kind = 'Application' AND a.form_key = 'high-value-patent.application'
ON CONFLICT DO NOTHING;

INSERT INTO applications (id, kind, award_id, obligation_key, period_label, opens_on, due_on, round_id, program_id, organisation_id, form_key,
                          form_version, answers, declarations, status, submissions, created_at, updated_at)
SELECT gen_random_uuid(), 'Obligation', w.id, 'annual-report', '第1年度', current_date - 5, current_date + 25, w.round_id, w.program_id,
       w.organisation_id, f.key, f.version, '{}', '[]', 'Draft', 0, now(), now()
FROM awards w
CROSS JOIN (SELECT key, max(version) AS version FROM form_versions WHERE key = 'high-value-patent.annual-report' GROUP BY key) f
WHERE w.organisation_name LIKE '压测企业%'
ON CONFLICT DO NOTHING;

INSERT INTO workflow_instances (id, subject_id, kind, workflow_key, workflow_version, program_id, round_id, organisation_id, organisation_name,
                                city_code, district_code, owner_authority, state, phase, state_entered_at, due_at, deadline, expiry_action,
                                updated_at, last_sequence, last_hash)
SELECT gen_random_uuid(), a.id, 'Obligation', v.key, v.version, a.program_id, a.round_id, a.organisation_id, w.organisation_name,
       '210100', '210106', '210000', 'due', 'Draft', now(), now() + interval '26 days', current_date + 25, 'markOverdue', now(), 0, ''
FROM applications a JOIN awards w ON w.id = a.award_id
CROSS JOIN (SELECT key, max(version) AS version FROM workflow_versions WHERE key = 'high-value-patent.annual-report' GROUP BY key) v
WHERE a.obligation_key = 'annual-report' AND w.organisation_name LIKE '压测企业%'
ON CONFLICT DO NOTHING;
