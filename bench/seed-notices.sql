-- 5,000 published notices spread over the authorities, programs and years, for the /notices scenarios.
-- Written straight to the tables (a recipe would take minutes); shaped exactly as the content use cases (CreateContent, PublishContent) write them.
INSERT INTO content_items (id, type, owner_authority, latest_version, published_version, published_title, published_date,
                           published_program, published_round, published_year, first_published_at, created_at, updated_at, recipe_key)
SELECT gen_random_uuid(), 'Notice', (ARRAY['210000','210100','210200','210300'])[1 + n % 4], 1, 1,
       '基准测试通知第' || n || '号：关于开展知识产权项目申报工作的通知',
       DATE '2024-01-01' + (n % 1000), (ARRAY['brand-institution','high-value-patent','operation-platform','service-cluster'])[1 + n % 4],
       NULL, 2024 + n % 3, now() - (n || ' minutes')::interval, now(), now(), 'bench:' || n
FROM generate_series(1, 5000) AS n
ON CONFLICT DO NOTHING;

INSERT INTO content_versions (id, item_id, number, title, body, created_at, created_by_name)
SELECT gen_random_uuid(), i.id, 1, i.published_title,
       jsonb_build_object('title', i.published_title, 'issuer', '辽宁省知识产权局', 'date', to_char(i.published_date, 'YYYY-MM-DD'),
                          'year', i.published_year::text, 'program', i.published_program,
                          'body', repeat('## 一、申报条件' || chr(10) || chr(10) || '申报单位应为辽宁省内注册的企业、高校、科研机构等创新主体。' || chr(10) || chr(10), 20)),
       now(), 'bench'
FROM content_items i
WHERE i.recipe_key LIKE 'bench:%' AND NOT EXISTS (SELECT 1 FROM content_versions v WHERE v.item_id = i.id);

ANALYZE content_items;
ANALYZE content_versions;
