// Server-side calls to the API, made while rendering a page: the visitor's cookies are
// forwarded so the API sees the same session as the browser. The API's origin comes from
// API_ORIGIN (default http://localhost:8080, the local platform's front door); it is read on the
// server only and never reaches the browser. API_HOST, when set, is sent as the Host header (for
// a cluster, where the client calls the in-cluster gateway that routes by host, e.g.
// API_ORIGIN=http://<gateway service> API_HOST=ticketing.dev).
import http from 'node:http';
import https from 'node:https';
import { cache } from 'react';
import { headers as requestHeaders } from 'next/headers';
import { notFound, redirect } from 'next/navigation';

export function apiOrigin() {
  return (process.env.API_ORIGIN || 'http://localhost:8080').replace(/\/+$/, '');
}

const TIMEOUT_MS = 15000;
// One connection per call: a kept-alive socket that the API's server closes while idle makes the
// next call on it fail (ECONNRESET), which would show a signed-in visitor as signed out.
const agents = { 'http:': new http.Agent({ keepAlive: false }), 'https:': new https.Agent({ keepAlive: false }) };
const RETRYABLE = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT']);

async function forwardedHeaders() {
  // The raw Cookie header, byte for byte: re-serialising parsed cookies would percent-encode the
  // session cookie's base64 padding ("=" -> "%3D") and the API would no longer read it.
  const cookieHeader = (await requestHeaders()).get('cookie');
  const headers = { accept: 'application/json' };
  if (cookieHeader) headers.cookie = cookieHeader;
  if (process.env.API_HOST) headers.host = process.env.API_HOST;
  return headers;
}

/**
 * One GET with node's http client (fetch cannot set Host), tried again once after a connection
 * failure (a GET is safe to repeat). Resolves `{ status, data, headers }`.
 */
export async function getJson(url, headers) {
  try {
    return await getJsonOnce(url, headers);
  } catch (e) {
    if (!RETRYABLE.has(e.code)) throw e;
    return getJsonOnce(url, headers);
  }
}

function getJsonOnce(url, headers) {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(target, { headers, timeout: TIMEOUT_MS, agent: agents[target.protocol] }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        let data = null;
        try {
          data = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          data = null;
        }
        resolve({ status: res.statusCode, data, headers: res.headers });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer from ${target.origin} in ${TIMEOUT_MS} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
  });
}

/** GET `path` (e.g. `/api/tickets`) as the visitor. Returns `{ status, data, headers }`; throws when unreachable. */
export async function serverGet(path) {
  return getJson(`${apiOrigin()}${path}`, await forwardedHeaders());
}

/**
 * GET a resource a page cannot do without: 404 shows the not-found page, 401 sends the visitor
 * to sign in, any other failure is thrown to the error page.
 */
export async function loadOrFail(path) {
  return (await loadResponseOrFail(path)).data;
}

async function loadResponseOrFail(path) {
  const response = await serverGet(path);
  const { status, data } = response;
  if (status === 404) notFound();
  if (status === 401) redirect('/auth/signin');
  if (status < 200 || status >= 300) {
    const message = data?.errors?.[0]?.message;
    throw new Error(message ? `The API answered ${status}: ${message}` : `The API answered ${status}`);
  }
  return response;
}

/**
 * The cursor of the next page of a list: the `cursor` of its `Link: <...>; rel="next"` header,
 * else its `Next-Cursor` / `X-Next-Cursor` header; null on the last page.
 */
export function nextCursor(headers = {}) {
  const link = [headers.link].flat().filter(Boolean).join(',');
  for (const part of link.split(',')) {
    const m = /<([^>]*)>\s*;.*\brel="?next"?/i.exec(part);
    if (m) {
      const cursor = new URL(m[1], 'http://x').searchParams.get('cursor');
      if (cursor) return cursor;
    }
  }
  return headers['next-cursor'] || headers['x-next-cursor'] || null;
}

/** One page of a list (`/api/tickets`, `/api/orders`): `{ items, next }` (`next`: cursor or null). */
export async function loadPage(path, cursor) {
  const query = typeof cursor === 'string' && cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  const { data, headers } = await loadResponseOrFail(`${path}${query}`);
  return { items: Array.isArray(data) ? data : [], next: nextCursor(headers) };
}

/**
 * The signed-in user (`{id, email}`) or null; null too when the API cannot be reached. Asked once
 * per page render, however many components want it.
 */
export const currentUser = cache(async () => {
  try {
    const { status, data } = await serverGet('/api/users/currentuser');
    if (status !== 200) console.error(`GET /api/users/currentuser answered ${status}: showing the visitor as signed out`);
    return status === 200 && data?.currentUser ? data.currentUser : null;
  } catch (e) {
    console.error(`GET /api/users/currentuser failed (${e.code ?? e.message}): showing the visitor as signed out`);
    return null;
  }
});

/** The signed-in user, or a redirect to the sign-in page. */
export async function requireUser() {
  const user = await currentUser();
  if (!user) redirect('/auth/signin');
  return user;
}
