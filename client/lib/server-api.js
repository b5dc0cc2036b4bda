// Server-side calls to the API, made while rendering a page: the visitor's cookies are
// forwarded so the API sees the same session as the browser. The API's origin comes from
// API_ORIGIN (default http://localhost:8080, the local platform's front door); it is read on the
// server only and never reaches the browser.
import { cache } from 'react';
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';

export function apiOrigin() {
  return (process.env.API_ORIGIN || 'http://localhost:8080').replace(/\/+$/, '');
}

async function forwardedHeaders() {
  const cookieHeader = (await cookies()).toString();
  const headers = { accept: 'application/json' };
  if (cookieHeader) headers.cookie = cookieHeader;
  return headers;
}

/** GET `path` (e.g. `/api/tickets`) as the visitor. Returns `{ status, data }`; throws when unreachable. */
export async function serverGet(path) {
  const res = await fetch(`${apiOrigin()}${path}`, {
    headers: await forwardedHeaders(),
    cache: 'no-store',
  });
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  return { status: res.status, data };
}

/**
 * GET a resource a page cannot do without: 404 shows the not-found page, 401 sends the visitor
 * to sign in, any other failure is thrown to the error page.
 */
export async function loadOrFail(path) {
  const { status, data } = await serverGet(path);
  if (status === 404) notFound();
  if (status === 401) redirect('/auth/signin');
  if (status < 200 || status >= 300) {
    const message = data?.errors?.[0]?.message;
    throw new Error(message ? `The API answered ${status}: ${message}` : `The API answered ${status}`);
  }
  return data;
}

/**
 * The signed-in user (`{id, email}`) or null; null too when the API cannot be reached. Asked once
 * per page render, however many components want it.
 */
export const currentUser = cache(async () => {
  try {
    const { status, data } = await serverGet('/api/users/currentuser');
    return status === 200 && data?.currentUser ? data.currentUser : null;
  } catch {
    return null;
  }
});

/** The signed-in user, or a redirect to the sign-in page. */
export async function requireUser() {
  const user = await currentUser();
  if (!user) redirect('/auth/signin');
  return user;
}
