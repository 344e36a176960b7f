import { clientAddress, tokenGuesses, tooManyGuesses } from "@/lib/api/rate-limit";
import { parseRevalidateBody } from "@/lib/api/revalidate-body";
import { bearerToken, tokenMatches } from "@/lib/api/tokens";
import { bodyProblems } from "@/lib/content/store";
import { formatProblem } from "@/lib/content/types";
import { databaseUrl, getOpenedStore, getStore } from "@/lib/store";
import { crossSiteRefusal } from "@/lib/security/same-origin";

export const dynamic = "force-dynamic";

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });

/**
 * For newsrooms that push: re-reads the named content files, or the whole folder, right away.
 * Without REVALIDATE_TOKEN the endpoint does not exist. Ten wrong tokens a minute from one address
 * and it answers 429 to that address until the minute is over (lib/api/rate-limit.ts).
 */
export async function POST(request: Request) {
  const refused = crossSiteRefusal(request);
  if (refused) return refused;
  const secret = process.env.REVALIDATE_TOKEN;
  if (!secret) return json({ error: "not found" }, 404);
  const client = clientAddress(request.headers);
  const now = Date.now();
  const limit = tokenGuesses.check(client, now);
  if (limit.limited) return tooManyGuesses(limit.retryAfterS, true);
  if (!tokenMatches(bearerToken(request.headers.get("authorization")), secret)) {
    tokenGuesses.fail(client, now);
    return json({ error: "unauthorized" }, 401, { "WWW-Authenticate": "Bearer" });
  }
  const body = parseRevalidateBody(await request.text());
  if (!body.ok) return json({ error: body.error }, 400);

  // An instance of a PostgreSQL site has no content folder to re-read: the indexer that owns it
  // sees file changes itself and announces each to every instance.
  if (databaseUrl()) return json({ error: "this instance reads PostgreSQL; the indexer (npm run index -- --watch) re-reads changed files by itself" }, 409);
  // The writer re-reads the files (this process, or the one holding the writer's lease); what it
  // now holds is read back through the store, as readers see it.
  await (await getOpenedStore()).refresh(body.paths.length > 0 ? body.paths : undefined);
  const store = await getStore();
  const [articles, indexed] = await Promise.all([store.size(), store.problems()]);
  const problems = [...indexed, ...bodyProblems()];
  return json({
    refreshed: body.paths.length > 0 ? body.paths : "all",
    articles,
    problems: problems.map(formatProblem),
  });
}
