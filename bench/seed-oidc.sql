-- The token-exchange scenario's relying party: a first-party confidential client (client_secret_post), registered as
-- OpenIddict stores a client (the secret as the platform's SHA-256 format). Its codes are made by bench/oidc-codes.js
-- right before the scenario, through the authorization endpoint.
INSERT INTO oidc_clients (id, client_id, display_name, client_type, application_type, consent_type, client_secret, concurrency_token,
                          redirect_uris, post_logout_redirect_uris, permissions, requirements, disabled, created_at, updated_at)
VALUES (gen_random_uuid(), 'bench-rp', '压测业务系统', 'confidential', 'web', 'implicit',
        'sha256:' || encode(sha256(convert_to('bench-secret-0123456789abcdef0123456789abcdef', 'UTF8')), 'hex'), gen_random_uuid()::text,
        '["https://rp.bench.invalid/cb"]', '[]',
        '["ept:authorization","ept:end_session","ept:introspection","ept:revocation","ept:token","gt:authorization_code","gt:refresh_token","rst:code","scp:email","scp:offline_access","scp:openid","scp:profile"]',
        '[]', false, now(), now());
