import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { INLINE_SCRIPTS } from "@/lib/security/inline-scripts";

function setUp(clipboard: { writeText: (s: string) => Promise<void> } | undefined) {
  const link = { href: "https://news.example/news/x", className: "chip", replacedBy: undefined as unknown, replaceWith: (b: unknown) => (link.replacedBy = b) };
  const status = { textContent: "" };
  const data: Record<string, string> = { "data-copy": "Скопировать ссылку", "data-copied": "Ссылка скопирована", "data-failed": "Не удалось" };
  const wrapper = { getAttribute: (k: string) => data[k] ?? null, querySelector: (sel: string) => (sel === "a" ? link : status) };
  const button = {
    type: "",
    className: "",
    textContent: "",
    onClick: undefined as undefined | (() => void),
    addEventListener: (_: string, h: () => void) => (button.onClick = h),
  };
  const document = { getElementById: (id: string) => (id === "copy-link" ? wrapper : null), createElement: () => button };
  runInNewContext(INLINE_SCRIPTS.copyLink, { document, navigator: clipboard ? { clipboard } : {} });
  return { link, status, button };
}

describe("the copy-link script", () => {
  it("turns the link into a button that copies the URL and says so", async () => {
    const copied: string[] = [];
    const { link, status, button } = setUp({ writeText: async (s) => void copied.push(s) });
    expect(link.replacedBy).toBe(button);
    expect([button.type, button.className, button.textContent]).toEqual(["button", "chip", "Скопировать ссылку"]);
    button.onClick!();
    await new Promise((r) => setTimeout(r, 0));
    expect(copied).toEqual(["https://news.example/news/x"]);
    expect(status.textContent).toBe("Ссылка скопирована");
  });

  it("says when the browser refuses", async () => {
    const { status, button } = setUp({ writeText: () => Promise.reject(new Error("denied")) });
    button.onClick!();
    await new Promise((r) => setTimeout(r, 0));
    expect(status.textContent).toBe("Не удалось");
  });

  it("leaves the plain link where there is no Clipboard API", () => {
    expect(setUp(undefined).link.replacedBy).toBeUndefined();
  });
});
