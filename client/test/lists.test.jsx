import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import TicketList from '../components/TicketList';
import OrderList from '../components/OrderList';

describe('TicketList', () => {
  it('links each ticket to its page with its price', () => {
    render(
      <TicketList
        tickets={[
          { id: 'a1', title: 'Concert', price: 20, userId: 'u', version: 0 },
          { id: 'b2', title: 'Match', price: 7.5, userId: 'u', version: 0 },
        ]}
      />,
    );
    const items = within(screen.getByRole('list', { name: 'Tickets for sale' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(['Concert$20.00', 'Match$7.50']);
    expect(screen.getByRole('link', { name: 'Match' }).getAttribute('href')).toBe('/tickets/b2');
  });

  it('says so when nothing is for sale', () => {
    render(<TicketList tickets={[]} />);
    expect(screen.getByText(/No tickets for sale right now/)).toBeTruthy();
  });
});

describe('OrderList', () => {
  const now = Date.parse('2030-01-01T10:00:00Z');
  const order = (id, status, expiresAt, title) => ({
    id,
    status,
    expiresAt,
    userId: 'u1',
    version: 0,
    ticket: { id: `t-${id}`, title, price: 10, version: 0 },
  });

  it('shows each order with its status, newest first, linking to the order', () => {
    render(
      <OrderList
        now={now}
        orders={[
          order('o1', 'complete', '2030-01-01T09:00:00Z', 'Old gig'),
          order('o2', 'created', '2030-01-01T10:10:00Z', 'New gig'),
          order('o3', 'cancelled', '2030-01-01T09:30:00Z', 'Missed gig'),
        ]}
      />,
    );
    const rows = within(screen.getByRole('list', { name: 'My orders' })).getAllByRole('listitem');
    expect(rows.map((li) => li.textContent)).toEqual([
      'New gig$10.00Awaiting payment',
      'Missed gig$10.00Expired',
      'Old gig$10.00Complete',
    ]);
    expect(screen.getByRole('link', { name: 'Old gig' }).getAttribute('href')).toBe('/orders/o1');
  });

  it('points to the tickets when there are no orders', () => {
    render(<OrderList orders={[]} />);
    expect(screen.getByRole('link', { name: 'Find a ticket' }).getAttribute('href')).toBe('/');
  });
});
