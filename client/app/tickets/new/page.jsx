import NewTicketForm from '../../../components/NewTicketForm';
import { requireUser } from '../../../lib/server-api';

export const metadata = { title: 'Sell a ticket' };

export default async function NewTicketPage() {
  await requireUser();
  return (
    <section className="panel narrow" aria-labelledby="sell-heading">
      <h1 id="sell-heading">Sell a ticket</h1>
      <NewTicketForm />
    </section>
  );
}
