import { expect, test } from "@playwright/test";

test.describe("with JavaScript", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "client navigation needs JavaScript");

  test("a reader goes from the home page to a section, an article and back, with no console errors", { tag: "@smoke" }, async ({ page }) => {
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));

    await page.goto("/");
    await page.getByRole("navigation", { name: "Рубрики" }).first().getByRole("link", { name: "Политика", exact: true }).click();
    await expect(page).toHaveURL(/\/section\/politics$/);
    await expect(page.locator("h1")).toHaveText("Политика");

    const first = page.locator("main article h2 a").first();
    const title = await first.innerText();
    await first.click();
    await expect(page.locator("h1")).toHaveText(title);
    await expect(page).toHaveTitle(new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} — `));

    await page.goBack();
    await expect(page.locator("h1")).toHaveText("Политика");
    expect(errors).toEqual([]);
  });
});
