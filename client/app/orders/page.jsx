import OrderList from '../../components/OrderList';
import Pager from '../../components/Pager';
import { loadPage, requireUser } from '../../lib/server-api';

export const metadata = { title: 'My orders' };

export default async function OrdersPage({ searchParams }) {
  await requireUser();
  const { cursor } = await searchParams;
  const { items, next } = await loadPage('/api/orders', cursor);
  return (
    <section aria-labelledby="orders-heading">
      <h1 id="orders-heading">My orders</h1>
      <OrderList orders={items} />
      <Pager basePath="/orders" cursor={cursor} next={next} label="Order pages" />
    </section>
  );
}
