import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";

// These tests edit the content folder of the server the suite started (.e2e/content, a copy).
test.skip(!!process.env.E2E_BASE_URL, "edits the content folder of the server this suite starts");
test.describe.configure({ mode: "serial" });

const DIR = path.resolve(".e2e/content/articles/culture");
const WITHIN = 5_000; // the promise to editors: a change is live within 5 seconds

function article(title: string, date: string, extra = "") {
  return `---\ntitle: "${title}"\ndate: "${date}"\nsection: culture\n${extra}---\nТекст живой новости.\n`;
}

async function titleOf(request: APIRequestContext, url: string): Promise<string | number> {
  const res = await request.get(url);
  if (res.status() !== 200) return res.status();
  return /<h1[^>]*>([^<]*)<\/h1>/.exec(await res.text())?.[1] ?? "";
}

test("a new, edited, half-saved and deleted article shows everywhere within 5 seconds", { tag: "@smoke" }, async ({ request }, info) => {
  const slug = `live-${info.project.name}`;
  const file = path.join(DIR, `${slug}.md`);
  const url = `/news/${slug}`;
  expect(await titleOf(request, url)).toBe(404);
  try {
    await writeFile(file, article("Живая новость", "2023-06-01T10:00:00+03:00"));
    await expect.poll(() => titleOf(request, url), { timeout: WITHIN }).toBe("Живая новость");
    await expect.poll(async () => (await (await request.get("/section/culture")).text()).includes(`href="${url}"`), { timeout: WITHIN }).toBe(true);

    await writeFile(file, article("Живая новость, исправленная", "2023-06-01T10:00:00+03:00"));
    await expect.poll(() => titleOf(request, url), { timeout: WITHIN }).toBe("Живая новость, исправленная");

    // Caught mid-save: the last good version keeps serving.
    await writeFile(file, '---\ntitle: "Живая нов');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await titleOf(request, url)).toBe("Живая новость, исправленная");

    await rm(file);
    await expect.poll(() => titleOf(request, url), { timeout: WITHIN }).toBe(404);
  } finally {
    await rm(file, { force: true });
  }
});

test("a scheduled article appears by itself once its time comes", { tag: "@smoke" }, async ({ request }, info) => {
  const slug = `scheduled-${info.project.name}`;
  const file = path.join(DIR, `${slug}.md`);
  const when = new Date(Date.now() + 4_000);
  try {
    await writeFile(file, article("Новость по расписанию", when.toISOString()));
    await new Promise((r) => setTimeout(r, 1000));
    expect(await titleOf(request, `/news/${slug}`)).toBe(404);
    await expect.poll(() => titleOf(request, `/news/${slug}`), { timeout: 4_000 + WITHIN }).toBe("Новость по\u00A0расписанию"); // typeset when indexed
    // The home page may sit in a shared cache for its s-maxage, so it too gets the 5-second promise.
    await expect.poll(async () => (await (await request.get("/")).text()).includes(`href="/news/${slug}"`), { timeout: WITHIN }).toBe(true);
  } finally {
    await rm(file, { force: true });
  }
});

test.describe("POST /api/revalidate", () => {
  test("refuses a missing or wrong token without saying more", { tag: "@smoke" }, async ({ request }) => {
    const attempts: Record<string, string>[] = [{}, { Authorization: "Bearer wrong" }, { Authorization: "Basic e2e-revalidate-token" }];
    for (const headers of attempts) {
      const res = await request.post("/api/revalidate", { headers });
      expect(res.status()).toBe(401);
      expect(await res.json()).toEqual({ error: "unauthorized" });
    }
  });

  test("names a bad parameter and refreshes named files or everything", async ({ request }, info) => {
    const auth = { Authorization: "Bearer e2e-revalidate-token" };
    const bad = await request.post("/api/revalidate", { headers: auth, data: { paths: ["../../etc/passwd"] } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toMatch(/^paths\[0\]:/);

    const slug = `pushed-${info.project.name}`;
    const file = path.join(DIR, `${slug}.md`);
    try {
      await writeFile(file, article("Присланная новость", "2023-06-02T10:00:00+03:00"));
      const res = await request.post("/api/revalidate", { headers: auth, data: { paths: [`articles/culture/${slug}.md`] } });
      expect(res.status()).toBe(200);
      // Answered after the refresh: the article is there at once, not at the next file event.
      expect(await titleOf(request, `/news/${slug}`)).toBe("Присланная новость");
      const all = await request.post("/api/revalidate", { headers: auth });
      expect(await all.json()).toMatchObject({ refreshed: "all" });
    } finally {
      await rm(file, { force: true });
    }
  });
});

test("an urgent story shows «Срочно» on every page, in the HTML, until its hours are over", async ({ request }, info) => {
  const slug = `urgent-${info.project.name}`;
  const file = path.join(DIR, `${slug}.md`);
  // site.json's urgentHours (6 by default in the demo): published so that 10 s of them are left.
  const hours = 6;
  const when = new Date(Date.now() - hours * 3_600_000 + 10_000);
  const banner = async (url: string) => /data-testid="urgent-banner"[\s\S]*?href="\/news\/([^"]+)"/.exec(await (await request.get(url)).text())?.[1];
  try {
    await writeFile(file, article("Срочная новость", when.toISOString(), "urgent: true\n"));
    await expect.poll(() => banner("/section/sport"), { timeout: WITHIN }).toBe(slug);
    expect(await banner("/search?q=минск")).toBe(slug);
    // Gone once its time is over, with no change to the content (plus the shared cache's seconds).
    await expect.poll(() => banner("/section/sport"), { timeout: 10_000 + WITHIN }).toBeUndefined();
  } finally {
    await rm(file, { force: true });
  }
});
