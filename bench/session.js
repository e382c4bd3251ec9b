// A cookie-keeping client for the bench set-up scripts (fetch without redirects, cookies carried by hand).
'use strict';

const tokenOf = html => /name="__RequestVerificationToken" type="hidden" value="([^"]*)"/.exec(html)[1];

class Session {
  constructor(url) { this.url = url; this.cookies = new Map(); }
  get cookie() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }
  async fetch(p, init = {}) {
    const response = await fetch(this.url + p, { ...init, redirect: 'manual', headers: { ...(init.headers || {}), cookie: this.cookie } });
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  }
  async post(p, fields) {
    return this.fetch(p, { method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }
}

module.exports = { Session, tokenOf };
