// Authorization codes for the token-exchange scenario, obtained as a relying party obtains them: the materials
// company's administrator signs in once, then the bench client's authorization requests are answered with codes
// (OpenIddict stores each encrypted, with its grant; they live 60 s, so they are made right before the scenario).
// Usage: node oidc-codes.js URL EMAIL PASSWORD COUNT OUT_FILE
'use strict';
const fs = require('fs');
const { Session, tokenOf } = require('./session.js');

(async () => {
  const [url, email, password, count, out] = process.argv.slice(2);
  const s = new Session(url);
  const login = await s.fetch('/account/login');
  const signedIn = await s.post('/account/login', { 'Input.Email': email, 'Input.Password': password, __RequestVerificationToken: tokenOf(await login.text()) });
  if (signedIn.status !== 302) throw new Error(`sign-in of ${email} answered ${signedIn.status}`);
  const query = new URLSearchParams({
    client_id: 'bench-rp', response_type: 'code', scope: 'openid profile offline_access', redirect_uri: 'https://rp.bench.invalid/cb', state: 's',
  });
  const codes = [];
  let next = 0;
  const worker = async () => {
    while (next < Number(count)) {
      next++;
      const response = await fetch(`${url}/connect/authorize?${query}&nonce=n-${next}`, { redirect: 'manual', headers: { cookie: s.cookie } });
      const location = response.headers.get('location') || '';
      const code = new URL(location, url).searchParams.get('code');
      if (!code) throw new Error(`no code: ${response.status} ${location}`);
      codes.push(code);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  fs.writeFileSync(out, codes.join('\n') + '\n');
})().catch(e => { console.error(e); process.exit(1); });
