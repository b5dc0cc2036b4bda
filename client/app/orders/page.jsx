import OrderList from '../../components/OrderList';
import { loadOrFail, requireUser } from '../../lib/server-api';

export const metadata = { title: 'My orders' };

export default async function OrdersPage() {
  await requireUser();
  const orders = await loadOrFail('/api/orders');
  return (
    <section aria-labelledby="orders-heading">
      <h1 id="orders-heading">My orders</h1>
      <OrderList orders={Array.isArray(orders) ? orders : []} />
    </section>
  );
}
