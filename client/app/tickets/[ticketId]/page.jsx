import Link from 'next/link';
import PurchaseButton from '../../../components/PurchaseButton';
import { formatPrice } from '../../../lib/format';
import { currentUser, loadOrFail } from '../../../lib/server-api';

export const metadata = { title: 'Ticket' };

export default async function TicketPage({ params }) {
  const { ticketId } = await params;
  const [ticket, user] = await Promise.all([
    loadOrFail(`/api/tickets/${encodeURIComponent(ticketId)}`),
    currentUser(),
  ]);
  const own = user && user.id === ticket.userId;
  let action;
  if (!user) {
    action = (
      <p>
        <Link href="/auth/signin" className="button primary">
          Sign in to purchase
        </Link>
      </p>
    );
  } else if (own) {
    action = <p className="notice">You are selling this ticket.</p>;
  } else if (ticket.orderId) {
    action = <p className="notice">Someone is buying this ticket right now. It may be back on sale soon.</p>;
  } else {
    action = <PurchaseButton ticketId={ticket.id} />;
  }
  return (
    <article className="panel" aria-labelledby="ticket-heading">
      <h1 id="ticket-heading">{ticket.title}</h1>
      <dl className="facts">
        <div>
          <dt>Price</dt>
          <dd className="price-large">{formatPrice(ticket.price)}</dd>
        </div>
      </dl>
      {action}
    </article>
  );
}
