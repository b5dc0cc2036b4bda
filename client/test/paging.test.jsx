import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import Pager from '../components/Pager';
import { nextCursor } from '../lib/server-api';

describe('nextCursor', () => {
  it('reads the cursor of the Link rel="next" header', () => {
    expect(nextCursor({ link: '</api/tickets?limit=50&cursor=abc%3D%3D>; rel="next"' })).toBe('abc==');
  });
  it('falls back to Next-Cursor or X-Next-Cursor', () => {
    expect(nextCursor({ 'next-cursor': 'n1' })).toBe('n1');
    expect(nextCursor({ 'x-next-cursor': 'x1' })).toBe('x1');
  });
  it('is null on the last page', () => {
    expect(nextCursor({})).toBeNull();
    expect(nextCursor({ link: '</api/tickets>; rel="prev"' })).toBeNull();
  });
});

describe('Pager', () => {
  it('links to the next page and back to the first', () => {
    render(<Pager basePath="/" cursor="c1" next="c 2" label="Ticket pages" />);
    const nav = screen.getByRole('navigation', { name: 'Ticket pages' });
    expect(within(nav).getByRole('link', { name: 'Next page' }).getAttribute('href')).toBe('/?cursor=c%202');
    expect(within(nav).getByRole('link', { name: 'First page' }).getAttribute('href')).toBe('/');
  });
  it('shows nothing for a list that fits on one page', () => {
    render(<Pager basePath="/orders" cursor={undefined} next={null} label="Order pages" />);
    expect(screen.queryByRole('navigation')).toBeNull();
  });
});
