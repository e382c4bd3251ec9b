// Publish-to-searchable latency on the same instance: the province's policy editor (signed in by reviewers.js), publishes a notice through
// the editor's form ("保存并发布"), and an anonymous visitor polls /search for its unique title word every 5 ms until it
// is found. Repeated COUNT times; prints one line with the median and the worst, in milliseconds.
// Usage: node search-visible.js URL SESSION_FILE COUNT
'use strict';
const fs = require('fs');
const { Session, tokenOf } = require('./session.js');

(async () => {
  const [url, file, count] = process.argv.slice(2);
  const s = new Session(url);
  for (const pair of fs.readFileSync(file, 'utf8').split('\t')[0].split('; ')) {
    const at = pair.indexOf('=');
    s.cookies.set(pair.slice(0, at), pair.slice(at + 1));
  }
  const form = await (await s.fetch('/editor/notices/new')).text();
  const owner = /<select class="form-select" id="Owner" name="Owner">\s*<option[^>]*value="([^"]+)"/.exec(form)[1];
  const took = [];
  for (let n = 0; n < Number(count); n++) {
    const word = `可见性基准${Date.now().toString(36)}${n}`;
    const page = await (await s.fetch('/editor/notices/new')).text();
    const published = await s.post('/editor/notices/new/Publish', {
      __RequestVerificationToken: tokenOf(page), Owner: owner,
      'Fields[title]': `关于${word}的通知`, 'Fields[issuer]': '辽宁省知识产权局', 'Fields[body]': `${word}：检索可见性测量。`,
    });
    const start = performance.now();
    if (published.status !== 302) throw new Error(`publish answered ${published.status}`);
    for (;;) {
      const found = await (await fetch(`${url}/search?q=${encodeURIComponent(word)}`)).text();
      if (found.includes(`<mark>${word}</mark>`)) break;
      if (performance.now() - start > 10000) throw new Error(`${word} not searchable after 10 s`);
      await new Promise(r => setTimeout(r, 5));
    }
    took.push(performance.now() - start);
  }
  took.sort((a, b) => a - b);
  console.log(`publish to searchable (${took.length} notices): median ${took[took.length >> 1].toFixed(0)} ms, worst ${took[took.length - 1].toFixed(0)} ms`);
})().catch(e => { console.error(e); process.exit(1); });
