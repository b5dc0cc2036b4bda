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
  if (!res.ok) {
    const failed = { ok: false, status: res.status, errors: errorsFrom(res.status, data) };
    const retryAfter = retryAfterSeconds(res.headers?.get?.('retry-after'));
    if (res.status === 503 && retryAfter !== null) failed.retryAfter = retryAfter;
    return failed;
  }
  return { ok: true, status: res.status, data };
}

/** The seconds of a `Retry-After: <seconds>` header, or null (absent, a date, or not a number). */
function retryAfterSeconds(header) {
  if (header == null || !/^\s*\d+\s*$/.test(header)) return null;
  return Number(header.trim());
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `apiRequest`, asked again while the API answers 503 with `Retry-After`: a refusal that asking again
 * cures, such as paying an order whose creation the payments service has not heard of yet (events
 * travel between the services in a moment) or a dependency that is briefly down. Waits as told, at
 * most `maxWaitMs` per wait, `attempts` requests in all; the last answer is returned either way. Only
 * for requests that are safe to repeat (the API makes a payment at most once per order).
 */
export async function apiRequestRetrying(method, path, body, { attempts = 6, maxWaitMs = 2000, wait = sleep } = {}) {
  let result = await apiRequest(method, path, body);
  for (let n = 1; n < attempts && !result.ok && result.retryAfter !== undefined; n += 1) {
    await wait(Math.min(result.retryAfter * 1000, maxWaitMs));
    result = await apiRequest(method, path, body);
  }
  return result;
}
