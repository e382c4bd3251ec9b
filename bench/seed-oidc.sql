-- The token-exchange scenario: a first-party confidential client and 200,000 authorization codes "bench-1" … "bench-200000"
-- for the materials company's administrator, stored as the provider stores them (SHA-256 of the code). Issued codes
-- live 60 s; these are bench data and live an hour, so the scenario can run whenever its turn comes.
INSERT INTO oidc_clients (client_id, display_name, type, secret_hash, redirect_uris, post_logout_redirect_uris, scopes, grant_types,
                          first_party, disabled, created_at, updated_at)
VALUES ('bench-rp', '压测业务系统', 'Confidential',
        'sha256:' || encode(sha256(convert_to('bench-secret-0123456789abcdef0123456789abcdef', 'UTF8')), 'hex'),
        ARRAY['https://rp.bench.invalid/cb'], ARRAY[]::text[], ARRAY['openid', 'profile', 'email', 'offline_access'], ARRAY['authorization_code', 'refresh_token'],
        true, false, now(), now());

INSERT INTO oidc_codes (hash, client_id, user_id, redirect_uri, scopes, nonce, code_challenge, auth_time, amr, stamp_hash, created_at, expires_at)
SELECT encode(sha256(convert_to('bench-' || n, 'UTF8')), 'hex'), 'bench-rp', u.id, 'https://rp.bench.invalid/cb',
       ARRAY['openid', 'profile', 'offline_access'], 'n-' || n, NULL, now(), ARRAY['pwd'],
       encode(sha256(convert_to(u.security_stamp, 'UTF8')), 'hex'), now(), now() + interval '1 hour'
FROM generate_series(1, 200000) AS n, (SELECT id, security_stamp FROM users WHERE normalized_email = 'MATERIALS.ADMIN@EXAMPLE.COM') AS u;
ANALYZE oidc_codes;
