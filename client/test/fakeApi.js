import { vi } from 'vitest';

/**
 * Stands in for the network (the browser's `fetch`): `routes` maps "METHOD /path" to a response
 * `{ status, body, headers? }` or a function of the parsed request body returning one (or a list of them,
 * answered in turn, the last one repeated). Records every call in `calls`.
 */
export function fakeApi(routes) {
  const calls = [];
  const served = new Map();
  const fetch = vi.fn(async (url, init = {}) => {
    const method = (init.method || 'GET').toUpperCase();
    const key = `${method} ${url}`;
    const body = init.body ? JSON.parse(init.body) : undefined;
    calls.push({ method, url, body, init });
    let answer = routes[key];
    if (answer === undefined) return new Response(JSON.stringify({ errors: [{ message: 'Not Found' }] }), { status: 404 });
    if (typeof answer === 'function') answer = answer(body);
    if (Array.isArray(answer)) {
      const n = served.get(key) ?? 0;
      served.set(key, n + 1);
      answer = answer[Math.min(n, answer.length - 1)];
    }
    if (answer instanceof Error) throw answer;
    const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
    return new Response(answer.status === 204 ? null : text, { status: answer.status ?? 200, headers: answer.headers });
  });
  vi.stubGlobal('fetch', fetch);
  return { calls, fetch };
}

export const apiError = (status, ...messages) => ({
  status,
  body: { errors: messages.map((m) => (typeof m === 'string' ? { message: m } : m)) },
});
