import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import Header from '../components/Header';

const links = () =>
  within(screen.getByRole('navigation', { name: 'Main' }))
    .getAllByRole('link')
    .map((a) => [a.textContent, a.getAttribute('href')]);

describe('Header', () => {
  it('offers sign up and sign in to a visitor who is signed out', () => {
    render(<Header currentUser={null} />);
    expect(links()).toEqual([
      ['Sign up', '/auth/signup'],
      ['Sign in', '/auth/signin'],
    ]);
    expect(screen.getByRole('link', { name: 'Ticketing' })).toHaveProperty('pathname', '/');
    expect(screen.queryByText(/Signed in as/)).toBeNull();
  });

  it('offers sell, my orders and sign out to a signed-in user, and names them', () => {
    render(<Header currentUser={{ id: 'u1', email: 'ann@example.com', iat: 1 }} />);
    expect(links()).toEqual([
      ['Sell a ticket', '/tickets/new'],
      ['My orders', '/orders'],
      ['Sign out', '/auth/signout'],
    ]);
    expect(screen.getByText('ann@example.com')).toBeTruthy();
  });
});
