// Browser-side calls to the API: always same-origin, relative `/api/...` URLs, so the session
// cookie goes along and no API host is ever hard-coded.

const NETWORK_ERROR = 'Could not reach the server. Check your connection and try again.';

/** The `errors` of an API error body, or one generic message when the body has none. */
export function errorsFrom(status, body) {
  if (body && Array.isArray(body.errors) && body.errors.length > 0) {
    return body.errors
      .filter((e) => e && typeof e.message === 'string')
      .map((e) => (e.field ? { message: e.message, field: e.field } : { message: e.message }));
  }
  return [{ message: `Something went wrong (HTTP ${status}). Please try again.` }];
}

/**
 * Sends one request. Resolves to `{ ok: true, status, data }` or `{ ok: false, status, errors }`
 * where `errors` is the API's `errors` array (`[{message, field?}]`); never rejects.
 */
export async function apiRequest(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch {
    return { ok: false, status: 0, errors: [{ message: NETWORK_ERROR }] };
  }
  let data = null;
  try {
    const text = await res.text();
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) return { ok: false, status: res.status, errors: errorsFrom(res.status, data) };
  return { ok: true, status: res.status, data };
}
