import { describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import OrderView from '../components/OrderView';
import { fakeApi } from './fakeApi';

const T0 = Date.parse('2030-05-01T12:00:00.000Z');
const ticket = { id: 't1', title: 'Cup final', price: 15, version: 1 };
const orderAt = (status, expiresAt, extra = {}) => ({
  id: 'o1',
  status,
  expiresAt: new Date(expiresAt).toISOString(),
  userId: 'u1',
  version: 0,
  ticket,
  ...extra,
});
const status = () => screen.getByTestId('order-status').textContent;

describe('OrderView', () => {
  it('counts the time left to pay down every second and then shows "Order expired"', async () => {
    vi.useFakeTimers({ now: T0 });
    const order = orderAt('created', T0 + 5000);
    fakeApi({ 'GET /api/orders/o1': { status: 200, body: order } });
    render(<OrderView order={order} stripeKey={null} />);
    expect(screen.getByRole('timer').textContent).toBe('Time left to pay: 0:05');
    expect(status()).toBe('Awaiting payment');
    expect(screen.getByRole('button', { name: 'Pay $15.00' })).toBeTruthy();

    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(screen.getByRole('timer').textContent).toBe('Time left to pay: 0:03');

    await act(() => vi.advanceTimersByTimeAsync(3000));
    expect(screen.getByText('Order expired')).toBeTruthy();
    expect(status()).toBe('Expired');
    expect(screen.queryByRole('timer')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Pay/ })).toBeNull();
  });

  it('notices from the API that the order was cancelled by expiry while the page was open', async () => {
    vi.useFakeTimers({ now: T0 });
    const order = orderAt('created', T0 + 60000);
    fakeApi({ 'GET /api/orders/o1': [{ status: 200, body: order }, { status: 200, body: { ...order, status: 'cancelled', version: 1 } }] });
    render(<OrderView order={order} stripeKey={null} />);
    await act(() => vi.advanceTimersByTimeAsync(3000));
    expect(status()).toBe('Awaiting payment');
    await act(() => vi.advanceTimersByTimeAsync(3000));
    expect(status()).toBe('Cancelled');
    expect(screen.getByText('Order cancelled')).toBeTruthy();
    expect(screen.queryByRole('timer')).toBeNull();
  });

  it('after a payment, follows the order until the API reports it complete', async () => {
    const order = orderAt('created', Date.now() + 600000);
    const api = fakeApi({
      'POST /api/payments': { status: 201, body: { id: 'p1' } },
      'GET /api/orders/o1': [{ status: 200, body: order }, { status: 200, body: { ...order, status: 'complete', version: 1 } }],
    });
    render(<OrderView order={order} stripeKey={null} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Pay $15.00' }));
    expect(await screen.findByText('Payment accepted. Completing your order…')).toBeTruthy();
    expect(await screen.findByText('Payment received: the ticket is yours.', {}, { timeout: 4000 })).toBeTruthy();
    expect(status()).toBe('Complete');
    expect(screen.queryByRole('timer')).toBeNull();
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('cancels the order on request', async () => {
    const order = orderAt('created', Date.now() + 600000);
    const api = fakeApi({
      'DELETE /api/orders/o1': { status: 204 },
      'GET /api/orders/o1': { status: 200, body: { ...order, status: 'cancelled', version: 1 } },
    });
    render(<OrderView order={order} stripeKey={null} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Cancel order' }));
    expect(await screen.findByText('Order cancelled')).toBeTruthy();
    expect(api.calls.map((c) => `${c.method} ${c.url}`)).toEqual(['DELETE /api/orders/o1', 'GET /api/orders/o1']);
  });

  it('shows a complete order as paid, with no countdown or payment form', () => {
    render(<OrderView order={orderAt('complete', Date.now() - 1000)} stripeKey={null} />);
    expect(status()).toBe('Complete');
    expect(screen.getByText('Payment received: the ticket is yours.')).toBeTruthy();
    expect(screen.queryByRole('timer')).toBeNull();
    expect(screen.queryByRole('form', { name: 'Payment' })).toBeNull();
  });
});
