import OrderView from '../../../components/OrderView';
import { loadOrFail, requireUser } from '../../../lib/server-api';

export const metadata = { title: 'Order' };

export default async function OrderPage({ params }) {
  const { orderId } = await params;
  await requireUser();
  const order = await loadOrFail(`/api/orders/${encodeURIComponent(orderId)}`);
  // Read at request time on the server, so one build serves every environment.
  const stripeKey = process.env.STRIPE_PUBLISHABLE_KEY || null;
  return <OrderView order={order} stripeKey={stripeKey} />;
}
