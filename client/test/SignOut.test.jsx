import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import SignOut from '../components/SignOut';
import { apiError, fakeApi } from './fakeApi';

describe('SignOut', () => {
  it('signs out once and reloads the home page', async () => {
    const api = fakeApi({ 'POST /api/users/signout': { status: 200, body: {} } });
    const navigate = vi.fn();
    render(<SignOut navigate={navigate} />);
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('/'));
    expect(api.calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/users/signout']);
  });

  it('says why when signing out failed', async () => {
    fakeApi({ 'POST /api/users/signout': apiError(503, 'Service unavailable') });
    const navigate = vi.fn();
    render(<SignOut navigate={navigate} />);
    expect(await screen.findByText('Service unavailable')).toBeTruthy();
    expect(navigate).not.toHaveBeenCalled();
  });
});
