'use client';
import { useMemo, useState } from 'react';
import { loadStripe } from '@stripe/stripe-js';
import { CardElement, Elements, useElements, useStripe } from '@stripe/react-stripe-js';
import ErrorList from './ErrorList';
import { useRequest } from './useRequest';
import { useHydrated } from './useHydrated';
import { formatPrice } from '../lib/format';

/** Stripe's test tokens, offered when no publishable key is configured (local platform, tests). */
export const TEST_CARDS = [
  { token: 'tok_visa', label: 'Visa •••• 4242', outcome: 'payment succeeds' },
  { token: 'tok_chargeDeclined', label: 'Visa •••• 0002', outcome: 'card is declined' },
];

/**
 * Pays an order: `POST /api/payments {orderId, token}`. With a Stripe publishable key, Stripe
 * Elements collects the card and makes the token; without one, a test-card form offers Stripe's
 * test tokens. Calls `onPaid()` once the API accepted the payment.
 */
export default function PaymentForm({ order, stripeKey, onPaid }) {
  if (stripeKey) return <StripeCardForm order={order} stripeKey={stripeKey} onPaid={onPaid} />;
  return <TestCardForm order={order} onPaid={onPaid} />;
}

function usePayment(order, onPaid) {
  const request = useRequest();
  async function pay(token) {
    // right after ordering, the payments service may not have heard of the order yet: it answers 503
    // + Retry-After, and paying is safe to repeat (one payment per order at most)
    const result = await request.send('POST', '/api/payments', { orderId: order.id, token }, { retry: true });
    if (result.ok) onPaid?.(result.data);
    return result;
  }
  return { ...request, pay };
}

export function TestCardForm({ order, onPaid }) {
  const hydrated = useHydrated();
  const { pay, errors, pending } = usePayment(order, onPaid);
  async function onSubmit(event) {
    event.preventDefault();
    await pay(String(new FormData(event.currentTarget).get('card') ?? TEST_CARDS[0].token));
  }
  return (
    <form onSubmit={onSubmit} className="form payment-form" aria-label="Payment">
      <fieldset>
        <legend>Test card</legend>
        <p className="hint">No Stripe key is configured, so Stripe&apos;s test cards stand in for a real one.</p>
        {TEST_CARDS.map((c) => (
          <div className="radio" key={c.token}>
            <input
              type="radio"
              id={`card-${c.token}`}
              name="card"
              value={c.token}
              defaultChecked={c === TEST_CARDS[0]}
            />
            <label htmlFor={`card-${c.token}`}>
              {c.label} <span className="muted">({c.outcome})</span>
            </label>
          </div>
        ))}
      </fieldset>
      <ErrorList errors={errors} title="Payment failed" />
      <button type="submit" className="button primary" disabled={pending || !hydrated}>
        {pending ? 'Paying…' : `Pay ${formatPrice(order.ticket?.price)}`}
      </button>
    </form>
  );
}

function StripeCardForm({ order, stripeKey, onPaid }) {
  const stripePromise = useMemo(() => loadStripe(stripeKey), [stripeKey]);
  return (
    <Elements stripe={stripePromise}>
      <StripeCardFields order={order} onPaid={onPaid} />
    </Elements>
  );
}

function StripeCardFields({ order, onPaid }) {
  const stripe = useStripe();
  const elements = useElements();
  const { pay, errors, pending } = usePayment(order, onPaid);
  const [cardErrors, setCardErrors] = useState([]);
  async function onSubmit(event) {
    event.preventDefault();
    if (!stripe || !elements) return;
    setCardErrors([]);
    const { token, error } = await stripe.createToken(elements.getElement(CardElement));
    if (error) {
      setCardErrors([{ message: error.message }]);
      return;
    }
    await pay(token.id);
  }
  return (
    <form onSubmit={onSubmit} className="form payment-form" aria-label="Payment">
      <div className="field">
        <span className="label" id="card-label">
          Card details
        </span>
        <div className="card-element" role="group" aria-labelledby="card-label">
          <CardElement options={{ style: { base: { fontSize: '16px' } } }} />
        </div>
      </div>
      <ErrorList errors={[...cardErrors, ...errors]} title="Payment failed" />
      <button type="submit" className="button primary" disabled={!stripe || pending}>
        {pending ? 'Paying…' : `Pay ${formatPrice(order.ticket?.price)}`}
      </button>
    </form>
  );
}
