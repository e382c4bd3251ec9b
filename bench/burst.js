// The deadline burst (called by bench/run, which has started the app):
//   node burst.js prepare URL FIRST N DIR  signs in applicants FIRST..FIRST+N-1 (bench/applicants.js recipe), starts each
//                                          one's 004 application and attaches a small PDF to each of its attachment slots;
//                                          writes DIR/burst.tsv (cookie, token, application id) and DIR/burst.body (every
//                                          field of 表1 filled and the declarations ticked: a complete submission)
//   node burst.js fire URL DIR             opens one connection per applicant, then writes every applicant's 提交 at the same
//                                          moment; prints one line "BURST n= acknowledged= refused= last_ms= p50_ms= p95_ms=
//                                          first_refusal=" (ms from that moment to each acknowledgement) and writes
//                                          DIR/burst.ids (the applications, for bench/run's check in the database).
//                                          Acknowledged: the redirect to the application that follows a submission;
//                                          anything else (the problem list, 4xx/5xx, a dropped connection) is refused.
'use strict';
const fs = require('fs');
const net = require('net');
const path = require('path');
const { start, body } = require('./applicants');
const { tokenOf } = require('./session');

const pdf = new Blob([Buffer.from('%PDF-1.7\n% bench burst attachment\n%%EOF\n')], { type: 'application/pdf' });

async function prepare(url, first, n, dir) {
  const rows = [];
  let template = null;
  const one = async i => {
    const { s, id } = await start(url, i);
    let page = await (await s.fetch(`/applications/${id}`)).text();
    for (const [, slot] of page.matchAll(/name="slot" value="([^"]+)"/g)) {
      const form = new FormData();
      form.append('__RequestVerificationToken', tokenOf(page));
      form.append('slot', slot);
      form.append('file', pdf, `${slot}.pdf`);
      const attached = await s.fetch(`/applications/${id}/Attach`, { method: 'POST', body: form });
      if (attached.status !== 302) throw new Error(`upload to ${slot} of ${id} answered ${attached.status}`);
    }
    page = await (await s.fetch(`/applications/${id}`)).text();
    template ??= body(page, { declarations: true });
    rows[i - first] = [s.cookie, encodeURIComponent(tokenOf(page)), id].join('\t');
  };
  for (let i = first; i < first + n; i += 10) await Promise.all(Array.from({ length: Math.min(10, first + n - i) }, (_, k) => one(i + k)));
  fs.writeFileSync(path.join(dir, 'burst.tsv'), rows.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'burst.body'), template);
}

// One connection: opened now, its request written when send() is called; resolves with the status, the Location header
// and the milliseconds from the burst's start to the end of the response (the server closes: Connection: close).
function connection(url, request) {
  const { hostname, port } = new URL(url);
  const socket = net.connect({ host: hostname, port: Number(port) });
  socket.setNoDelay(true);
  const opened = new Promise((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
  const chunks = [];
  socket.on('data', c => chunks.push(c));
  const send = t0 => new Promise(resolve => {
    const finish = error => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number((/^HTTP\/1\.1 (\d{3})/.exec(text) || [])[1] || 0);
      const location = (/\r\nlocation: ([^\r]*)/i.exec(text) || [])[1] || '';
      const problem = (/<li[^>]*>\s*<a[^>]*>([^<]*)</.exec(text) || [])[1] || (/alert-danger[^>]*>([^<]*)</.exec(text) || [])[1] || '';
      resolve({ status, location, problem: error ? String(error.code || error) : problem.trim(), ms: performance.now() - t0 });
    };
    socket.once('end', () => finish(null));
    socket.once('error', e => finish(e));
    socket.write(request);
  });
  return { opened, send };
}

async function fire(url, dir) {
  const template = fs.readFileSync(path.join(dir, 'burst.body'), 'utf8');
  const rows = fs.readFileSync(path.join(dir, 'burst.tsv'), 'utf8').trim().split('\n').map(l => l.split('\t'));
  const host = new URL(url).host;
  const connections = [];
  for (let k = 0; k < rows.length; k += 100) { // opened in steps, so none waits in a full accept queue
    const step = rows.slice(k, k + 100).map(([cookie, token, id]) => {
      const payload = Buffer.from(`${template}&__RequestVerificationToken=${token}`);
      const head = `POST /applications/${id}/Submit HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-www-form-urlencoded\r\n`
        + `Cookie: ${cookie}\r\nContent-Length: ${payload.length}\r\nConnection: close\r\n\r\n`;
      return { id, ...connection(url, Buffer.concat([Buffer.from(head), payload])) };
    });
    await Promise.all(step.map(c => c.opened));
    connections.push(...step);
  }
  await new Promise(r => setTimeout(r, 500));
  const t0 = performance.now();
  const results = await Promise.all(connections.map(c => c.send(t0).then(r => ({ ...r, id: c.id }))));
  const acknowledged = results.filter(r => r.status === 302 && r.location.endsWith(`/applications/${r.id}`));
  const refused = results.filter(r => !acknowledged.includes(r));
  const times = acknowledged.map(r => r.ms).sort((a, b) => a - b);
  const at = p => times.length ? times[Math.min(times.length - 1, Math.ceil(p / 100 * times.length) - 1)].toFixed(0) : '-';
  const firstRefusal = refused.length ? `${refused[0].status}:${(refused[0].problem || '-').replace(/[^\p{L}\p{N}_-]+/gu, '_')}` : '-';
  fs.writeFileSync(path.join(dir, 'burst.ids'), rows.map(r => r[2]).join('\n') + '\n');
  console.log(`BURST n=${results.length} acknowledged=${acknowledged.length} refused=${refused.length} last_ms=${at(100)} p50_ms=${at(50)} p95_ms=${at(95)} first_refusal=${firstRefusal}`);
}

const [command, ...args] = process.argv.slice(2);
if (command === 'prepare') prepare(args[0], Number(args[1]), Number(args[2]), args[3]).catch(e => { console.error(e); process.exit(1); });
else if (command === 'fire') fire(args[0], args[1]).catch(e => { console.error(e); process.exit(1); });
else { console.error('usage: node burst.js prepare URL FIRST N DIR | fire URL DIR'); process.exit(2); }
