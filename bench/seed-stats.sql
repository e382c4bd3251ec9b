-- Histories for the statistics scenario: the 10,000 applications in review of bench/seed-reviews.sql and the 9,000
-- approved seed 004 centres of bench/seed-awards.sql get the steps their chain would have recorded to reach their state
-- (submit; the city's return, rejection or pass; the province's forward; selection, 公示 and approval), each step some
-- days after the one before (never later than now), so the working-day medians have something to count. Written straight to the table (the
-- hashes are not what is measured); each instance's last_sequence follows, so later actions append after them.
CREATE TEMP TABLE bench_steps (final_state text, seq int, action text, label text, from_state text, to_state text, role text, days int);
INSERT INTO bench_steps VALUES
  ('cityReview', 1, 'submit', '提交申报', 'draft', 'cityReview', 'applicant', 0),
  ('returned', 1, 'submit', '提交申报', 'draft', 'cityReview', 'applicant', 0),
  ('returned', 2, 'return', '退回补正', 'cityReview', 'returned', 'cityReviewer', 4),
  ('rejected', 1, 'submit', '提交申报', 'draft', 'cityReview', 'applicant', 0),
  ('rejected', 2, 'reject', '不通过', 'cityReview', 'rejected', 'cityReviewer', 6),
  ('provinceReview', 1, 'submit', '提交申报', 'draft', 'cityReview', 'applicant', 0),
  ('provinceReview', 2, 'pass', '通过，推荐至省局', 'cityReview', 'provinceReview', 'cityReviewer', 5),
  ('expertReview', 1, 'submit', '提交申报', 'draft', 'cityReview', 'applicant', 0),
  ('expertReview', 2, 'pass', '通过，推荐至省局', 'cityReview', 'provinceReview', 'cityReviewer', 5),
  ('expertReview', 3, 'forward', '复核通过，提交专家评审', 'provinceReview', 'expertReview', 'provinceReviewer', 3),
  ('approved', 1, 'submit', '提交申报', 'draft', 'cityReview', 'applicant', 0),
  ('approved', 2, 'pass', '通过，推荐至省局', 'cityReview', 'provinceReview', 'cityReviewer', 5),
  ('approved', 3, 'forward', '复核通过，提交专家评审', 'provinceReview', 'expertReview', 'provinceReviewer', 3),
  ('approved', 4, 'select', '评审通过，拟入选', 'expertReview', 'selected', 'provinceReviewer', 20),
  ('approved', 5, 'openPublicity', '列入公示', 'selected', 'publicity', 'system', 2),
  ('approved', 6, 'publicityPassed', '公示期满无异议，予以认定', 'publicity', 'approved', 'system', 9);

CREATE TEMP TABLE bench_histories AS
SELECT i.id AS instance_id, s.seq, s.action, s.label, s.from_state, s.to_state, s.role,
       CASE s.role WHEN 'cityReviewer' THEN i.city_code WHEN 'provinceReviewer' THEN '210000' END AS authority,
       -- Every step a few days (varying with the application) after the one before; the submission as recorded.
       least(now(), i.submitted_at + make_interval(days => (SELECT coalesce(sum(p.days + abs(hashtext(i.id::text || p.seq)) % 5), 0)::int
                                                            FROM bench_steps p WHERE p.final_state = s.final_state AND p.seq BETWEEN 2 AND s.seq))) AS at
FROM workflow_instances i
JOIN bench_steps s ON s.final_state = i.state
WHERE i.workflow_key = 'high-value-patent.review' AND i.kind = 'Application' AND i.last_sequence = 0
  AND NOT EXISTS (SELECT 1 FROM workflow_history h WHERE h.instance_id = i.id);

INSERT INTO workflow_history (id, instance_id, sequence, at, actor_id, actor_name, role, authority, action, action_label, from_state, to_state,
                              inputs, previous_hash, hash)
SELECT gen_random_uuid(), instance_id, seq, at, NULL, CASE role WHEN 'system' THEN '系统' WHEN 'applicant' THEN '压测申报人' ELSE '压测审核员' END,
       role, authority, action, label, from_state, to_state, '{}', '', ''
FROM bench_histories;

UPDATE workflow_instances i SET last_sequence = h.n
FROM (SELECT instance_id, max(seq) AS n FROM bench_histories GROUP BY instance_id) h
WHERE h.instance_id = i.id;

VACUUM ANALYZE workflow_history;
VACUUM ANALYZE workflow_instances;
