'use client';
import { useRouter } from 'next/navigation';
import ErrorList from './ErrorList';
import { useRequest } from './useRequest';
import { useHydrated } from './useHydrated';

/** Places an order for the ticket, then shows the order (where it is paid). */
export default function PurchaseButton({ ticketId }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const { send, errors, pending } = useRequest();

  async function purchase() {
    const result = await send('POST', '/api/orders', { ticketId });
    if (result.ok) router.push(`/orders/${encodeURIComponent(result.data.id)}`);
  }

  return (
    <div className="actions">
      <ErrorList errors={errors} title="Could not place the order" />
      <button type="button" className="button primary" onClick={purchase} disabled={pending || !hydrated}>
        {pending ? 'Reserving…' : 'Purchase'}
      </button>
    </div>
  );
}
