import { describe, expect, it, vi } from 'vitest';
import { apiRequest, apiRequestRetrying } from '../lib/api';
import { apiError, fakeApi } from './fakeApi';

describe('apiRequest', () => {
  it('sends JSON to a same-origin relative /api path with the cookie', async () => {
    const api = fakeApi({ 'POST /api/tickets': { status: 201, body: { id: 't1' } } });
    const result = await apiRequest('POST', '/api/tickets', { title: 'A', price: 5 });
    expect(result).toEqual({ ok: true, status: 201, data: { id: 't1' } });
    const [call] = api.calls;
    expect(call.url).toBe('/api/tickets');
    expect(call.init.credentials).toBe('same-origin');
    expect(call.init.headers['content-type']).toBe('application/json');
    expect(call.body).toEqual({ title: 'A', price: 5 });
  });

  it('gives back the API\'s errors, with their fields', async () => {
    fakeApi({
      'POST /api/users/signup': apiError(400, { message: 'Email must be valid', field: 'email' }, 'Email in use'),
    });
    const result = await apiRequest('POST', '/api/users/signup', {});
    expect(result.ok).toBe(false);
    expect(result.status).toBe(400);
    expect(result.errors).toEqual([{ message: 'Email must be valid', field: 'email' }, { message: 'Email in use' }]);
  });

  it('explains a failure whose body is not in the error format', async () => {
    fakeApi({ 'GET /api/orders': { status: 502, body: 'Bad gateway' } });
    const result = await apiRequest('GET', '/api/orders');
    expect(result.errors).toEqual([{ message: 'Something went wrong (HTTP 502). Please try again.' }]);
  });

  it('turns an unreachable server into an error message instead of throwing', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('fetch failed'))));
    const result = await apiRequest('GET', '/api/tickets');
    expect(result.ok).toBe(false);
    expect(result.errors[0].message).toMatch(/Could not reach the server/);
  });

  it('accepts an empty success body (204)', async () => {
    fakeApi({ 'DELETE /api/orders/o1': { status: 204 } });
    expect(await apiRequest('DELETE', '/api/orders/o1')).toEqual({ ok: true, status: 204, data: null });
  });
});

describe('apiRequestRetrying', () => {
  const notYet = {
    status: 503,
    headers: { 'retry-after': '1' },
    body: { errors: [{ message: 'The order is not known to payments yet; try again in a moment' }] },
  };

  it('asks again after a 503 with Retry-After, waiting as told, until the API accepts', async () => {
    const api = fakeApi({ 'POST /api/payments': [notYet, notYet, { status: 201, body: { id: 'p1' } }] });
    const waits = [];
    const result = await apiRequestRetrying('POST', '/api/payments', { orderId: 'o1' }, { wait: async (ms) => waits.push(ms) });
    expect(result).toEqual({ ok: true, status: 201, data: { id: 'p1' } });
    expect(api.calls).toHaveLength(3);
    expect(api.calls[2].body).toEqual({ orderId: 'o1' });
    expect(waits).toEqual([1000, 1000]);
  });

  it('gives up after its attempts with the last refusal', async () => {
    const api = fakeApi({ 'POST /api/payments': notYet });
    const result = await apiRequestRetrying('POST', '/api/payments', {}, { attempts: 3, wait: async () => {} });
    expect(api.calls).toHaveLength(3);
    expect(result.status).toBe(503);
    expect(result.errors[0].message).toMatch(/not known to payments yet/);
  });

  it('caps each wait and does not ask again without Retry-After or for other refusals', async () => {
    const waits = [];
    const wait = async (ms) => waits.push(ms);
    fakeApi({ 'POST /api/payments': [{ ...notYet, headers: { 'retry-after': '60' } }, { status: 201, body: {} }] });
    await apiRequestRetrying('POST', '/api/payments', {}, { wait, maxWaitMs: 2000 });
    expect(waits).toEqual([2000]);

    const plain503 = fakeApi({ 'POST /api/payments': apiError(503, 'Service temporarily unavailable') });
    expect((await apiRequestRetrying('POST', '/api/payments', {}, { wait })).status).toBe(503);
    expect(plain503.calls).toHaveLength(1);

    const notFound = fakeApi({ 'POST /api/payments': { ...apiError(404, 'Not Found'), headers: { 'retry-after': '1' } } });
    expect((await apiRequestRetrying('POST', '/api/payments', {}, { wait })).status).toBe(404);
    expect(notFound.calls).toHaveLength(1);
  });
});
