// Liveness/readiness probe of the client process itself (it does not call the API).
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ status: 'UP' });
}
