// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { proxy, config } from '../proxy';

function page(path = '/') {
  return proxy(new NextRequest(new URL(path, 'http://localhost:3000')));
}

describe('proxy: the security headers of every page', () => {
  it('sends a nonce-based CSP that forbids framing, inline and foreign scripts', () => {
    const csp = page().headers.get('content-security-policy');
    const scripts = csp.split('; ').find((d) => d.startsWith('script-src '));

    expect(scripts).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'$/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
  });

  it('sends nosniff, a referrer policy and X-Frame-Options', () => {
    const headers = page('/tickets/abc').headers;

    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(headers.get('x-frame-options')).toBe('DENY');
  });

  it('gives each response a fresh nonce, and passes it to the rendering of the page', () => {
    const first = page();
    const second = page();
    const nonce = (r) => r.headers.get('content-security-policy').match(/'nonce-([^']+)'/)[1];

    expect(nonce(first)).not.toBe(nonce(second));
    // NextResponse.next({ request: { headers } }) hands the request headers on as x-middleware-request-*
    expect(first.headers.get('x-middleware-request-x-nonce')).toBe(nonce(first));
    expect(first.headers.get('x-middleware-request-content-security-policy'))
      .toBe(first.headers.get('content-security-policy'));
  });

  it('covers every path except the API', () => {
    const matcher = new RegExp(`^${config.matcher[0]}$`);

    for (const path of ['/', '/orders/abc', '/auth/signin', '/_next/static/chunks/x.js', '/healthz']) {
      expect(matcher.test(path), path).toBe(true);
    }
    expect(matcher.test('/api/users/currentuser')).toBe(false);
  });
});
