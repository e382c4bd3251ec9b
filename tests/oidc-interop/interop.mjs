// The OIDC interop test's relying party: openid-client 6 (certified RP library) and jose drive the platform's provider
// through discovery → authorization code + PKCE (signing in through the real login form) → token → userinfo →
// refresh → revocation → client credentials → end session. Run by tests/IpPlatform.Browser.Tests/SingleSignOnTests.cs
// with the platform on a loopback port; prints one JSON line per step and exits non-zero at the first failed expectation.
import * as client from 'openid-client';
import * as jose from 'jose';

const { ISSUER, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, POST_LOGOUT_URI, EMAIL, PASSWORD } = process.env;
const step = (name, detail = {}) => console.log(JSON.stringify({ step: name, ...detail }));
function expect(condition, message) {
  if (!condition) {
    console.error('FAILED: ' + message);
    process.exit(1);
  }
}

// A user agent: cookies kept, redirects not followed (the test reads each Location itself).
const jar = new Map();
async function browse(url, init = {}) {
  const headers = new Headers(init.headers ?? {});
  if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  for (const cookie of response.headers.getSetCookie()) {
    const pair = cookie.split(';')[0];
    const name = pair.slice(0, pair.indexOf('='));
    const value = pair.slice(pair.indexOf('=') + 1);
    if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name); else jar.set(name, value);
  }
  return response;
}
const locationOf = (response) => new URL(response.headers.get('location'), ISSUER);

// 1. Discovery
const config = await client.discovery(new URL(ISSUER), CLIENT_ID, undefined, client.ClientSecretBasic(CLIENT_SECRET),
  { execute: [client.allowInsecureRequests] });
const metadata = config.serverMetadata();
expect(metadata.issuer === ISSUER, `issuer ${metadata.issuer} is not ${ISSUER}`);
expect(metadata.code_challenge_methods_supported?.includes('S256'), 'S256 is advertised');
step('discovery', { issuer: metadata.issuer });

// 2. Authorization request with PKCE, state and nonce; the user signs in on the platform's login page
const verifier = client.randomPKCECodeVerifier();
const state = client.randomState();
const nonce = client.randomNonce();
const authorizationUrl = client.buildAuthorizationUrl(config, {
  redirect_uri: REDIRECT_URI, scope: 'openid profile email organisation offline_access', state, nonce,
  code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
});
let response = await browse(authorizationUrl);
expect(response.status === 302 && locationOf(response).pathname === '/account/login', `signed out → the login page (got ${response.status})`);
const loginUrl = locationOf(response);
const loginPage = await (await browse(loginUrl)).text();
const antiforgery = loginPage.match(/name="__RequestVerificationToken"[^>]*value="([^"]+)"/)?.[1];
expect(antiforgery, 'the login form carries an antiforgery token');
response = await browse(loginUrl, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({
    'Input.Email': EMAIL, 'Input.Password': PASSWORD, ReturnUrl: loginUrl.searchParams.get('ReturnUrl'), __RequestVerificationToken: antiforgery,
  }),
});
expect(response.status === 302 && locationOf(response).pathname === '/connect/authorize', `signed in → back to the authorization endpoint (got ${response.status})`);
response = await browse(locationOf(response));
const callback = locationOf(response);
expect(callback.href.startsWith(REDIRECT_URI + '?'), `the code comes back to the registered redirect_uri (got ${callback.href})`);
step('authorization', { state: callback.searchParams.get('state') === state });

// 3. Token: openid-client checks state, iss, PKCE, nonce and the ID token's claims and signature
const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
const jwks = jose.createRemoteJWKSet(new URL(metadata.jwks_uri));
const { payload, protectedHeader } = await jose.jwtVerify(tokens.id_token, jwks, { issuer: ISSUER, audience: CLIENT_ID, algorithms: ['RS256'] });
expect(protectedHeader.kid, 'the ID token names its key');
expect(payload.nonce === nonce, 'nonce echoed');
expect(typeof payload.auth_time === 'number', 'auth_time present');
const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(tokens.access_token)));
expect(payload.at_hash === jose.base64url.encode(digest.slice(0, 16)), 'at_hash is the left half of SHA-256(access_token)');
expect(tokens.refresh_token, 'a refresh token is issued');
step('token', { kid: protectedHeader.kid, sub: payload.sub });

// 4. UserInfo
const userinfo = await client.fetchUserInfo(config, tokens.access_token, payload.sub);
expect(userinfo.email === EMAIL, `userinfo email ${userinfo.email}`);
expect(/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(userinfo.organisation?.credit_code ?? ''), 'the organisation scope gives the unified social credit code');
expect(userinfo.phone_number === undefined, 'no claims of scopes not granted');
step('userinfo', { name: userinfo.name, organisation: userinfo.organisation.name });

// 5. Refresh: rotated; the old refresh token no longer works
const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
expect(refreshed.refresh_token && refreshed.refresh_token !== tokens.refresh_token, 'the refresh token rotates');
expect((await client.fetchUserInfo(config, refreshed.access_token, payload.sub)).sub === payload.sub, 'the new access token works');
step('refresh', { rotated: true });

// 6. Revocation (RFC 7009), seen through introspection (RFC 7662)
expect((await client.tokenIntrospection(config, refreshed.access_token)).active === true, 'active before revocation');
await client.tokenRevocation(config, refreshed.refresh_token, { token_type_hint: 'refresh_token' });
expect((await client.tokenIntrospection(config, refreshed.access_token)).active === false, 'revoking the refresh token ends the grant');
let refused = null;
try { await client.refreshTokenGrant(config, refreshed.refresh_token); } catch (error) { refused = error; }
expect(refused?.error === 'invalid_grant', `a revoked refresh token is refused with invalid_grant (got ${refused?.error})`);
step('revocation', { active: false });

// 7. Client credentials: the relying party's own token for system-to-system calls, seen through introspection
const own = await client.clientCredentialsGrant(config);
expect(own.access_token && !own.refresh_token && !own.id_token, 'a client token alone: no refresh or ID token');
const ownInfo = await client.tokenIntrospection(config, own.access_token);
expect(ownInfo.active === true && ownInfo.sub === CLIENT_ID, `the token stands for the client itself (sub ${ownInfo.sub})`);
step('client-credentials', { sub: ownInfo.sub });

// 8. RP-initiated logout: back to the registered address with the state; the platform session is over
const endSession = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token, post_logout_redirect_uri: POST_LOGOUT_URI, state: 'bye' });
response = await browse(endSession);
expect(response.status === 302 && locationOf(response).href === POST_LOGOUT_URI + '?state=bye', `end session returns to the client (got ${response.status} ${response.headers.get('location')})`);
response = await browse(client.buildAuthorizationUrl(config, {
  redirect_uri: REDIRECT_URI, scope: 'openid', prompt: 'none', state: 's2',
  code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
}));
expect(locationOf(response).searchParams.get('error') === 'login_required', 'after logout prompt=none answers login_required');
step('end-session', { signedOut: true });
console.log(JSON.stringify({ done: true }));
