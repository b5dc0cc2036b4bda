import TicketList from '../components/TicketList';
import { loadOrFail } from '../lib/server-api';

export const metadata = { title: { absolute: 'Tickets for sale · Ticketing' } };

export default async function HomePage() {
  const tickets = await loadOrFail('/api/tickets');
  return (
    <section aria-labelledby="tickets-heading">
      <h1 id="tickets-heading">Tickets for sale</h1>
      <TicketList tickets={Array.isArray(tickets) ? tickets : []} />
    </section>
  );
}
