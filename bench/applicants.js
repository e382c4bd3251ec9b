// Bench set-up for the application scenarios (called by bench/run, which has started the app).
//   node applicants.js recipe N FILE      writes a recipe of N certified Shenyang enterprises (valid, invented credit codes);
//                                          bench/burst.js signs in the ones after the first 200
//   node applicants.js sessions URL N DIR signs each in, starts its 004 application, and writes
//                                          DIR/applicants.tsv (cookie, token, application id) and DIR/application.body
//                                          (every field of 表1 filled; the declarations left unticked, see bench/submit.lua)
//   node applicants.js reports URL DIR    for each applicant of DIR/applicants.tsv, finds its open 年度工作报告 on /org
//                                          (bench/seed-bench-reports.sql) and writes DIR/reports.tsv and DIR/report.body
'use strict';
const fs = require('fs');
const path = require('path');

const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const password = 'Bench#2026lnip';
const email = i => `bench${i}@example.com`;

function creditCode(i) { // GB 11714 check of the organisation code, then the GB 32100 check character
  const org8 = 'MB' + String(i).padStart(6, '0');
  const value = c => (c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55);
  const sum9 = [...org8].reduce((s, c, k) => s + value(c) * [3, 7, 9, 10, 5, 8, 4, 2][k], 0);
  const c9 = 11 - (sum9 % 11);
  const first17 = '91210100' + org8 + (c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9));
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((s, c, k) => s + alphabet.indexOf(c) * weights[k], 0);
  return first17 + alphabet[(31 - (sum % 31)) % 31];
}

function recipe(n, file) { // enterprise i signs in as bench{i}@example.com
  const organisations = Array.from({ length: n }, (_, i) => ({
    creditCode: creditCode(i), name: `压测企业${i}有限公司`, type: 'enterprise', city: '210100', district: '210106',
    address: `沈阳市铁西区压测路${i}号`, legalRepresentative: '压测', establishedOn: '2012-01-01', staffCount: 50,
    contactPerson: '压测联系人', contactMobile: '13800000000', contactEmail: `contact${i}@example.com`,
    admin: { name: `压测管理员${i}`, email: email(i), password }, certified: true,
  }));
  fs.writeFileSync(file, JSON.stringify({ name: 'bench-applicants', displayName: '压测单位', steps: [{ step: 'organisations', organisations }] }));
}

const { Session, tokenOf } = require('./session');

// Every field of the form, filled the way bench/../tests/IpPlatform.Browser.Tests fills it; the declarations ticked only
// when asked (bench/burst.js: a complete submission).
function body(html, { declarations = false } = {}) {
  const form = html.slice(html.indexOf('id="application-form"'), html.indexOf('</form>', html.indexOf('id="application-form"')));
  const fields = new URLSearchParams();
  for (const tag of form.match(/<(input|textarea)\b[^>]*>/g)) {
    const attr = name => (new RegExp(`\\s${name}="([^"]*)"`).exec(tag) || [])[1];
    const name = attr('name');
    if (!name || name === '__RequestVerificationToken') continue;
    const type = attr('type');
    if (name.startsWith('declaration.')) { if (declarations) fields.append(name, attr('value')); continue; }
    if (type === 'hidden') fields.append(name, attr('value'));
    else if (type === 'radio') { if (attr('value') === 'false' && !fields.has(name)) fields.append(name, 'false'); }
    else if (type === 'checkbox') fields.append(name, attr('value'));
    else if (type === 'date') fields.append(name, '2021-06-01');
    else if (type === 'month') fields.append(name, '2021-06');
    else if (['numeric', 'decimal'].includes(attr('inputmode'))) fields.append(name, '5');
    else fields.append(name, '示例内容');
  }
  return fields.toString();
}

// Applicant i signed in, its seed 004 application started: the session and the application's id.
async function start(url, i) {
  const s = new Session(url);
  const login = await s.fetch('/account/login');
  const signedIn = await s.post('/account/login', { 'Input.Email': email(i), 'Input.Password': password, __RequestVerificationToken: tokenOf(await login.text()) });
  if (signedIn.status !== 302) throw new Error(`sign-in of ${email(i)} answered ${signedIn.status}`);
  const precheck = await s.fetch('/apply/high-value-patent-2026-demo');
  const started = await s.post('/apply/high-value-patent-2026-demo', { __RequestVerificationToken: tokenOf(await precheck.text()) });
  const id = /\/applications\/([0-9a-f-]{36})/.exec(started.headers.get('location') || '')[1];
  return { s, id };
}

async function sessions(url, n, dir) {
  const rows = [];
  let template = null;
  const one = async i => {
    const { s, id } = await start(url, i);
    const page = await (await s.fetch(`/applications/${id}`)).text();
    template ??= body(page);
    rows[i] = [s.cookie, encodeURIComponent(tokenOf(page)), id].join('\t');
  };
  for (let i = 0; i < n; i += 10) await Promise.all(Array.from({ length: Math.min(10, n - i) }, (_, k) => one(i + k)));
  fs.writeFileSync(path.join(dir, 'applicants.tsv'), rows.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'application.body'), template);
}

async function reports(url, dir) {
  const rows = [];
  let template = null;
  const lines = fs.readFileSync(path.join(dir, 'applicants.tsv'), 'utf8').trim().split('\n');
  for (const line of lines) {
    const [cookie, token] = line.split('\t');
    const s = new Session(url);
    for (const pair of cookie.split('; ')) { const at = pair.indexOf('='); s.cookies.set(pair.slice(0, at), pair.slice(at + 1)); }
    const org = await (await s.fetch('/org')).text();
    const link = /href="\/applications\/([0-9a-f-]{36})">年度工作报告</.exec(org);
    if (!link) throw new Error('no open annual report on /org');
    const page = await (await s.fetch(`/applications/${link[1]}`)).text();
    template ??= body(page);
    rows.push([cookie, token, link[1]].join('\t'));
  }
  fs.writeFileSync(path.join(dir, 'reports.tsv'), rows.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'report.body'), template);
}

module.exports = { start, body };
if (require.main !== module) return;
const [command, ...args] = process.argv.slice(2);
if (command === 'recipe') recipe(Number(args[0]), args[1]);
else if (command === 'reports') reports(args[0], args[1]).catch(e => { console.error(e); process.exit(1); });
else if (command === 'sessions') sessions(args[0], Number(args[1]), args[2]).catch(e => { console.error(e); process.exit(1); });
else { console.error('usage: node applicants.js recipe N FILE | sessions URL N DIR'); process.exit(2); }
