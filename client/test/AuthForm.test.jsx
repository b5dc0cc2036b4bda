import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import AuthForm from '../components/AuthForm';
import { apiError, fakeApi } from './fakeApi';

describe('AuthForm', () => {
  it('signs up with the typed email and password, then reloads the home page', async () => {
    const api = fakeApi({ 'POST /api/users/signup': { status: 201, body: { id: 'u1', email: 'ann@example.com' } } });
    const navigate = vi.fn();
    render(<AuthForm mode="signup" navigate={navigate} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Email'), 'ann@example.com');
    await user.type(screen.getByLabelText('Password'), 'pw1234');
    await user.click(screen.getByRole('button', { name: 'Sign up' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('/'));
    expect(api.calls).toEqual([
      expect.objectContaining({ method: 'POST', url: '/api/users/signup', body: { email: 'ann@example.com', password: 'pw1234' } }),
    ]);
  });

  it('shows every API error inside the form and marks the fields they are about', async () => {
    fakeApi({
      'POST /api/users/signup': apiError(
        400,
        { message: 'Email must be valid', field: 'email' },
        { message: 'Password must be between 8 and 64 characters', field: 'password' },
      ),
    });
    const navigate = vi.fn();
    render(<AuthForm mode="signup" navigate={navigate} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign up' }));
    const alert = await within(screen.getByRole('form', { name: 'Sign up' })).findByRole('alert');
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Email must be valid',
      'Password must be between 8 and 64 characters',
    ]);
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('signs in from the keyboard alone and shows "Invalid credentials" from the API', async () => {
    const api = fakeApi({ 'POST /api/users/signin': apiError(400, 'Invalid credentials') });
    render(<AuthForm mode="signin" navigate={vi.fn()} />);
    const user = userEvent.setup();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText('Email'));
    await user.keyboard('bob@example.com');
    await user.tab();
    await user.keyboard('wrong{Enter}');
    expect(await screen.findByText('Invalid credentials')).toBeTruthy();
    expect(api.calls[0].body).toEqual({ email: 'bob@example.com', password: 'wrong' });
    expect(screen.getByLabelText('Password').getAttribute('autocomplete')).toBe('current-password');
  });
});
