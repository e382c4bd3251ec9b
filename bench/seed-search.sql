-- 95,000 more published notices (100,000 with bench/seed-notices.sql) for the search scenarios: varied words, 文号 and
-- years, shaped as the content use cases write them. Written before the platform starts, so its first catch-up builds the
-- public index from scratch (the rebuild time is logged and printed by bench/run).
INSERT INTO content_items (id, type, owner_authority, latest_version, published_version, published_title, published_date,
                           published_program, published_round, published_year, first_published_at, created_at, updated_at, recipe_key)
SELECT gen_random_uuid(), 'Notice', (ARRAY['210000','210100','210200','210300'])[1 + n % 4], 1, 1,
       (ARRAY['关于开展','关于组织','关于公布','关于征集'])[1 + n % 4] || (2018 + n % 9) || '年度'
         || (ARRAY['知识产权服务品牌机构培育','高价值专利培育中心建设','知识产权运营平台项目','专利导航服务','商标品牌培育','地理标志保护','海外维权援助','专利质押融资'])[1 + n % 8]
         || '工作的通知（检索基准' || n || '）',
       DATE '2018-01-01' + (n % 3000), (ARRAY['brand-institution','high-value-patent','operation-platform','service-cluster'])[1 + n % 4],
       NULL, 2018 + n % 9, now() - (n || ' minutes')::interval, now(), now(), 'bench-search:' || n
FROM generate_series(1, 95000) AS n
ON CONFLICT DO NOTHING;

INSERT INTO content_versions (id, item_id, number, title, body, created_at, created_by_name)
SELECT gen_random_uuid(), i.id, 1, i.published_title,
       jsonb_build_object('title', i.published_title, 'issuer', '辽宁省知识产权局', 'date', to_char(i.published_date, 'YYYY-MM-DD'),
                          'year', i.published_year::text, 'program', i.published_program,
                          'documentNumber', '辽知发〔' || i.published_year || '〕' || substr(i.recipe_key, 14) || '号',
                          'body', '为深入实施知识产权强省战略，推动' || i.published_program || '工作，现将有关事项通知如下。'
                                  || repeat('申报单位应为辽宁省内注册的企业、高校、科研机构等创新主体，具有较强的专利创造和运用能力。', 6)),
       now(), 'bench'
FROM content_items i
WHERE i.recipe_key LIKE 'bench-search:%' AND NOT EXISTS (SELECT 1 FROM content_versions v WHERE v.item_id = i.id);

ANALYZE content_items;
ANALYZE content_versions;
