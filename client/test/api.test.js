import { describe, expect, it, vi } from 'vitest';
import { apiRequest } from '../lib/api';
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
