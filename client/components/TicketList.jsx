import Link from 'next/link';
import { formatPrice } from '../lib/format';

/** The tickets on sale, each linking to its page. */
export default function TicketList({ tickets }) {
  if (!tickets || tickets.length === 0) {
    return <p className="empty">No tickets for sale right now. Check back soon.</p>;
  }
  return (
    <ul className="card-list" aria-label="Tickets for sale">
      {tickets.map((t) => (
        <li key={t.id} className="card ticket-card">
          <Link href={`/tickets/${encodeURIComponent(t.id)}`} className="card-title" prefetch={false}>
            {t.title}
          </Link>
          <span className="price">{formatPrice(t.price)}</span>
        </li>
      ))}
    </ul>
  );
}
