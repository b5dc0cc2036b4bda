'use client';
import { useRouter } from 'next/navigation';
import ErrorList, { fieldError } from './ErrorList';
import { useRequest } from './useRequest';
import { useHydrated } from './useHydrated';

/** A price as the API takes it: a number, or null when the text is not one (the API says why). */
export function parsePrice(text) {
  const trimmed = String(text).trim().replace(/^\$/, '');
  if (trimmed === '' || !/^\d*\.?\d*$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

/** Lists a ticket for sale; on success goes to the ticket's page. */
export default function NewTicketForm() {
  const router = useRouter();
  const hydrated = useHydrated();
  const { send, errors, pending } = useRequest();

  function onPriceBlur(event) {
    const n = parsePrice(event.target.value);
    if (n !== null) event.target.value = n.toFixed(2);
  }

  async function onSubmit(event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await send('POST', '/api/tickets', {
      title: String(form.get('title') ?? ''),
      price: parsePrice(form.get('price') ?? ''),
    });
    if (result.ok) router.push(`/tickets/${encodeURIComponent(result.data.id)}`);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="form" aria-label="Sell a ticket">
      <div className="field">
        <label htmlFor="ticket-title">Title</label>
        <input
          id="ticket-title"
          name="title"
          aria-invalid={fieldError(errors, 'title') ? true : undefined}
          placeholder="e.g. Concert, front row"
        />
      </div>
      <div className="field">
        <label htmlFor="ticket-price">Price (USD)</label>
        <input
          id="ticket-price"
          name="price"
          inputMode="decimal"
          onBlur={onPriceBlur}
          aria-invalid={fieldError(errors, 'price') ? true : undefined}
          placeholder="20.00"
        />
      </div>
      <ErrorList errors={errors} title="Could not list the ticket" />
      <button type="submit" className="button primary" disabled={pending || !hydrated}>
        {pending ? 'Listing…' : 'List ticket for sale'}
      </button>
    </form>
  );
}
