// Runs before every page (Next.js "proxy", formerly middleware): a fresh CSP nonce per response and the
// security headers of lib/security-headers.js. Next.js reads the nonce from the request's
// Content-Security-Policy header and puts it on the scripts it renders, so pages must render per request
// (app/layout.jsx: dynamic), which they do anyway (each depends on the visitor's session).
import { NextResponse } from 'next/server';
import { newNonce, securityHeaders } from './lib/security-headers';

export function proxy(request) {
  const nonce = newNonce();
  const headers = securityHeaders(nonce, { dev: process.env.NODE_ENV === 'development' });
  const forwarded = new Headers(request.headers);
  forwarded.set('x-nonce', nonce);
  forwarded.set('Content-Security-Policy', headers['Content-Security-Policy']);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // every page and route, static files included (nosniff matters most there); not the API, which is
  // another service behind the same host
  matcher: ['/((?!api/).*)'],
};
