import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import NewTicketForm, { parsePrice } from '../components/NewTicketForm';
import { apiError, fakeApi } from './fakeApi';

const push = vi.fn();
vi.mock('next/navigation', () => ({ useRouter: () => ({ push, refresh: vi.fn() }) }));

beforeEach(() => push.mockReset());

describe('NewTicketForm', () => {
  it('lists the ticket with a numeric price and opens its page', async () => {
    const api = fakeApi({ 'POST /api/tickets': { status: 201, body: { id: 't 1', title: 'Gig', price: 42.5 } } });
    render(<NewTicketForm />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Title'), 'Gig');
    await user.type(screen.getByLabelText('Price (USD)'), '42.5');
    await user.tab();
    expect(screen.getByLabelText('Price (USD)').value).toBe('42.50');
    await user.click(screen.getByRole('button', { name: 'List ticket for sale' }));
    await waitFor(() => expect(push).toHaveBeenCalledWith('/tickets/t%201'));
    expect(api.calls[0].body).toEqual({ title: 'Gig', price: 42.5 });
  });

  it('shows the API\'s validation messages next to the form', async () => {
    fakeApi({
      'POST /api/tickets': apiError(
        400,
        { message: 'Title is required', field: 'title' },
        { message: 'Price must be greater than 0', field: 'price' },
      ),
    });
    render(<NewTicketForm />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'List ticket for sale' }));
    expect(await screen.findByText('Title is required')).toBeTruthy();
    expect(screen.getByText('Price must be greater than 0')).toBeTruthy();
    expect(screen.getByLabelText('Title').getAttribute('aria-invalid')).toBe('true');
    expect(push).not.toHaveBeenCalled();
  });
});

describe('parsePrice', () => {
  it('reads plain and dollar-prefixed decimals and leaves anything else for the API to refuse', () => {
    expect(parsePrice('20')).toBe(20);
    expect(parsePrice(' $7.5 ')).toBe(7.5);
    expect(parsePrice('')).toBeNull();
    expect(parsePrice('abc')).toBeNull();
    expect(parsePrice('-5')).toBeNull();
  });
});
