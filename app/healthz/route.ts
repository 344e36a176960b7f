import { storeHealth } from "@/lib/store/health";

export const dynamic = "force-dynamic";

/**
 * For load balancers: 200 when this instance can answer from a current store, 503 when its
 * database is unreachable (it still serves what it has cached, but a balancer should prefer
 * another instance). The body says which store, its version and how far behind it is.
 */
export async function GET() {
  const health = await storeHealth();
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
