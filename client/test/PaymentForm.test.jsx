import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import PaymentForm from '../components/PaymentForm';
import { apiError, fakeApi } from './fakeApi';

const order = { id: 'o1', status: 'created', expiresAt: '2999-01-01T00:00:00Z', ticket: { id: 't1', title: 'Gig', price: 15 } };

describe('PaymentForm without a Stripe key', () => {
  it('pays with the test card that succeeds by default and reports the payment', async () => {
    const api = fakeApi({ 'POST /api/payments': { status: 201, body: { id: 'p1' } } });
    const onPaid = vi.fn();
    render(<PaymentForm order={order} stripeKey={null} onPaid={onPaid} />);
    expect(screen.getByRole('group', { name: 'Test card' })).toBeTruthy();
    expect(screen.getByLabelText(/4242/).checked).toBe(true);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Pay $15.00' }));
    await waitFor(() => expect(onPaid).toHaveBeenCalledWith({ id: 'p1' }));
    expect(api.calls[0].body).toEqual({ orderId: 'o1', token: 'tok_visa' });
  });

  it('pays an order the payments service has not heard of yet once it has, without showing an error', async () => {
    const notYet = {
      status: 503,
      headers: { 'retry-after': '0' },
      body: { errors: [{ message: 'The order is not known to payments yet; try again in a moment' }] },
    };
    const api = fakeApi({ 'POST /api/payments': [notYet, notYet, { status: 201, body: { id: 'p1' } }] });
    const onPaid = vi.fn();
    render(<PaymentForm order={order} stripeKey={null} onPaid={onPaid} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Pay $15.00' }));
    await waitFor(() => expect(onPaid).toHaveBeenCalledWith({ id: 'p1' }));
    expect(api.calls).toHaveLength(3);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows Stripe\'s message when the declined test card is chosen with the keyboard', async () => {
    const api = fakeApi({ 'POST /api/payments': apiError(402, 'Your card was declined.') });
    const onPaid = vi.fn();
    render(<PaymentForm order={order} stripeKey="" onPaid={onPaid} />);
    const user = userEvent.setup();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText(/4242/));
    await user.keyboard('{ArrowDown}');
    expect(screen.getByLabelText(/0002/).checked).toBe(true);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Pay $15.00' }));
    await user.keyboard('{Enter}');
    const alert = await within(screen.getByRole('form', { name: 'Payment' })).findByRole('alert');
    expect(alert.textContent).toContain('Your card was declined.');
    expect(api.calls[0].body).toEqual({ orderId: 'o1', token: 'tok_chargeDeclined' });
    expect(onPaid).not.toHaveBeenCalled();
  });
});

describe('PaymentForm with a Stripe publishable key', () => {
  it('collects the card with Stripe Elements instead of offering test cards', () => {
    fakeApi({});
    render(<PaymentForm order={order} stripeKey="pk_test_123" onPaid={vi.fn()} />);
    expect(screen.getByText('Card details')).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Test card' })).toBeNull();
    // Stripe.js is not loaded yet (jsdom loads no external script): paying must wait for it.
    expect(screen.getByRole('button', { name: 'Pay $15.00' }).disabled).toBe(true);
  });
});
