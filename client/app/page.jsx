import Pager from '../components/Pager';
import TicketList from '../components/TicketList';
import { loadPage } from '../lib/server-api';

export const metadata = { title: { absolute: 'Tickets for sale · Ticketing' } };

export default async function HomePage({ searchParams }) {
  const { cursor } = await searchParams;
  const { items, next } = await loadPage('/api/tickets', cursor);
  return (
    <section aria-labelledby="tickets-heading">
      <h1 id="tickets-heading">Tickets for sale</h1>
      <TicketList tickets={items} />
      <Pager basePath="/" cursor={cursor} next={next} label="Ticket pages" />
    </section>
  );
}
