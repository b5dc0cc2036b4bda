'use client';
import { useCallback, useEffect, useState } from 'react';
import Link from 'next/link';
import ErrorList from './ErrorList';
import PaymentForm from './PaymentForm';
import { apiRequest } from '../lib/api';
import { useRequest } from './useRequest';
import { useHydrated } from './useHydrated';
import { formatPrice, formatTimeLeft, orderPhase, phaseLabel, secondsUntil } from '../lib/format';

const systemNow = () => Date.now();
const POLL_MS = 3000;
const POLL_AFTER_PAYMENT_MS = 1000;

/**
 * One order: while `created` and unpaid, a live "time left to pay" countdown and the payment form;
 * once the time is up, "Order expired". The order is re-read from the API while it is `created`,
 * so completion (asynchronous after a payment) and expiry show without a reload.
 */
export default function OrderView({ order: initial, stripeKey, now = systemNow }) {
  const [order, setOrder] = useState(initial);
  const [secondsLeft, setSecondsLeft] = useState(() => secondsUntil(initial.expiresAt, now()));
  const [paid, setPaid] = useState(false);
  const cancel = useRequest();
  const hydrated = useHydrated();

  useEffect(() => {
    if (order.status !== 'created') return undefined;
    const tick = () => setSecondsLeft(secondsUntil(order.expiresAt, now()));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [order.status, order.expiresAt, now]);

  const refresh = useCallback(async () => {
    const result = await apiRequest('GET', `/api/orders/${encodeURIComponent(order.id)}`);
    if (result.ok && result.data) setOrder(result.data);
  }, [order.id]);

  useEffect(() => {
    if (order.status !== 'created') return undefined;
    const timer = setInterval(refresh, paid ? POLL_AFTER_PAYMENT_MS : POLL_MS);
    return () => clearInterval(timer);
  }, [order.status, paid, refresh]);

  async function cancelOrder() {
    const result = await cancel.send('DELETE', `/api/orders/${encodeURIComponent(order.id)}`);
    if (result.ok) await refresh();
  }

  // The countdown re-renders every second, so the phase follows the clock. Once a payment was
  // accepted, the order waits (shown as completing) until the API reports it complete.
  const phase = paid && order.status === 'created' ? 'awaiting' : orderPhase(order, now());
  const expired = phase === 'expired';
  const title = order.ticket?.title ?? 'Ticket';

  return (
    <article className="panel order" aria-labelledby="order-heading">
      <h1 id="order-heading">Order: {title}</h1>
      <dl className="facts">
        <div>
          <dt>Price</dt>
          <dd>{formatPrice(order.ticket?.price)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`status status-${phase}`} data-testid="order-status">
              {phaseLabel(phase)}
            </span>
          </dd>
        </div>
      </dl>
      {expired ? (
        <div className="notice notice-expired" role="status">
          <p className="notice-title">Order expired</p>
          <p>
            The time to pay ran out and the ticket went back on sale. <Link href="/">Browse tickets</Link>
          </p>
        </div>
      ) : null}
      {phase === 'cancelled' ? (
        <div className="notice" role="status">
          <p className="notice-title">Order cancelled</p>
          <p>
            <Link href="/">Browse tickets</Link>
          </p>
        </div>
      ) : null}
      {phase === 'complete' ? (
        <div className="notice notice-success" role="status">
          <p className="notice-title">Payment received: the ticket is yours.</p>
          <p>
            <Link href="/orders">See all my orders</Link>
          </p>
        </div>
      ) : null}
      {phase === 'awaiting' && paid ? (
        <p className="notice" role="status">
          Payment accepted. Completing your order…
        </p>
      ) : null}
      {phase === 'awaiting' && !paid ? (
        <>
          <p className="countdown" role="timer" aria-atomic="true">
            Time left to pay: <strong suppressHydrationWarning>{formatTimeLeft(secondsLeft)}</strong>
          </p>
          <PaymentForm order={order} stripeKey={stripeKey} onPaid={() => setPaid(true)} />
          <div className="secondary-actions">
            <ErrorList errors={cancel.errors} title="Could not cancel the order" />
            <button type="button" className="button" onClick={cancelOrder} disabled={cancel.pending || !hydrated}>
              {cancel.pending ? 'Cancelling…' : 'Cancel order'}
            </button>
          </div>
        </>
      ) : null}
    </article>
  );
}
