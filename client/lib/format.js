// Formatting shared by server and client components.

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** "$20.00" for 20, "20", "20.0"; the raw value when it is not a number. */
export function formatPrice(price) {
  const n = typeof price === 'number' ? price : Number(price);
  return Number.isFinite(n) ? usd.format(n) : String(price ?? '');
}

/** "14:05" for 845 seconds, "1:02:03" past an hour, "0:00" when nothing is left. */
export function formatTimeLeft(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** Whole seconds from `now` until `expiresAt` (an ISO string or epoch millis), never negative. */
export function secondsUntil(expiresAt, now = Date.now()) {
  const end = typeof expiresAt === 'number' ? expiresAt : Date.parse(expiresAt);
  if (!Number.isFinite(end)) return 0;
  return Math.max(0, Math.ceil((end - now) / 1000));
}

/**
 * What an order means to its buyer: `awaiting` (created, time left to pay), `expired` (the time
 * to pay is over: the API says `created` until the expiry tick ran, then `cancelled`), `cancelled`
 * (cancelled before its time ran out), `complete`. Unknown statuses are passed through.
 */
export function orderPhase(order, now = Date.now()) {
  const timeUp = secondsUntil(order?.expiresAt, now) <= 0;
  switch (order?.status) {
    case 'complete':
      return 'complete';
    case 'created':
    case 'awaiting:payment':
      return timeUp ? 'expired' : 'awaiting';
    case 'cancelled':
      return timeUp ? 'expired' : 'cancelled';
    default:
      return String(order?.status ?? '');
  }
}

const PHASE_LABELS = {
  awaiting: 'Awaiting payment',
  expired: 'Expired',
  cancelled: 'Cancelled',
  complete: 'Complete',
};

/** Human label for an order phase (see orderPhase); unknown ones are shown as they are. */
export function phaseLabel(phase) {
  return PHASE_LABELS[phase] ?? phase;
}
