import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from '@testing-library/react';
import SessionRenewal, { RENEW_EVERY_MS } from '../components/SessionRenewal';
import { fakeApi } from './fakeApi';

describe('SessionRenewal', () => {
  afterEach(() => vi.useRealTimers());

  it('asks the API for the current user from the browser when a page shows, and again only after activity', async () => {
    vi.useFakeTimers();
    const api = fakeApi({ 'GET /api/users/currentuser': { status: 200, body: { currentUser: { id: 'u1' } } } });

    render(<SessionRenewal signedIn />);
    expect(api.calls.map((c) => c.url)).toEqual(['/api/users/currentuser']);

    vi.advanceTimersByTime(RENEW_EVERY_MS);
    expect(api.calls).toHaveLength(1); // idle: the session is left to end

    window.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(RENEW_EVERY_MS);
    expect(api.calls).toHaveLength(2);
    expect(api.calls[1].init.credentials).toBe('same-origin');
  });

  it('does nothing for a signed-out visitor', () => {
    const api = fakeApi({});
    render(<SessionRenewal signedIn={false} />);
    expect(api.calls).toHaveLength(0);
  });
});
