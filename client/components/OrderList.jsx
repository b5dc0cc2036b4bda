import Link from 'next/link';
import { formatPrice, orderPhase, phaseLabel } from '../lib/format';

/** The visitor's orders with their status, newest first when the API gives `expiresAt`. */
export default function OrderList({ orders, now = Date.now() }) {
  if (!orders || orders.length === 0) {
    return (
      <p className="empty">
        You have no orders yet. <Link href="/">Find a ticket</Link>.
      </p>
    );
  }
  const sorted = [...orders].sort(
    (a, b) => (Date.parse(b.expiresAt) || 0) - (Date.parse(a.expiresAt) || 0),
  );
  return (
    <ul className="card-list" aria-label="My orders">
      {sorted.map((o) => {
        const phase = orderPhase(o, now);
        return (
        <li key={o.id} className="card order-card">
          <Link href={`/orders/${encodeURIComponent(o.id)}`} className="card-title" prefetch={false}>
            {o.ticket?.title ?? 'Ticket'}
          </Link>
          <span className="price">{formatPrice(o.ticket?.price)}</span>
          <span className={`status status-${phase}`}>{phaseLabel(phase)}</span>
        </li>
        );
      })}
    </ul>
  );
}
