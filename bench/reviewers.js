// Bench set-up for the review scenarios (called by bench/run, which has started the app and seeded bench/seed-reviews.sql).
//   node reviewers.js session URL EMAIL FILE   signs a demo staff account in (password and TOTP key from recipes/demo.recipe.json)
//                                              and writes FILE: its cookie and an antiforgery token, tab-separated
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { Session, tokenOf } = require('./session');

const demo = require(path.join(__dirname, '..', 'recipes', 'demo.recipe.json'));

function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  return Buffer.from(bits.match(/.{8}/g).map(b => parseInt(b, 2)));
}

function totp(key, now = Date.now()) { // RFC 6238: HMAC-SHA1, 30-second steps, 6 digits
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 1000 / 30)));
  const mac = crypto.createHmac('sha1', base32(key)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

async function session(url, email, file) {
  const account = demo.steps.find(s => s.step === 'staff').staff.find(a => a.email === email);
  const s = new Session(url);
  const login = await s.fetch('/account/login');
  await s.post('/account/login', { 'Input.Email': email, 'Input.Password': account.password, __RequestVerificationToken: tokenOf(await login.text()) });
  const second = await s.fetch('/account/login-2fa');
  const signedIn = await s.post('/account/login-2fa', { Code: totp(account.totpKey), __RequestVerificationToken: tokenOf(await second.text()) });
  if (signedIn.status !== 302 || !(signedIn.headers.get('location') || '').endsWith('/staff')) throw new Error(`sign-in of ${email} answered ${signedIn.status}`);
  const page = await (await s.fetch('/staff')).text();
  fs.writeFileSync(file, [s.cookie, encodeURIComponent(tokenOf(page))].join('\t') + '\n');
}

const [command, ...args] = process.argv.slice(2);
if (command === 'session') session(...args).catch(e => { console.error(e); process.exit(1); });
else { console.error('usage: node reviewers.js session URL EMAIL FILE'); process.exit(2); }
