import { test as base, expect } from "@playwright/test";
import { StudioPage } from "./pages/studio-page";

/**
 * Every test gets the studio page object, and fails if the page asked any host other than
 * the studio itself (drei CDN assets, fonts, analytics...).
 */
export const test = base.extend<{ studio: StudioPage; foreignRequests: string[] }>({
  foreignRequests: async ({ page, baseURL }, use) => {
    const own = new URL(baseURL!).host;
    const foreign: string[] = [];
    page.on("request", (req) => {
      const u = new URL(req.url());
      if (u.protocol.startsWith("http") && u.host !== own) foreign.push(req.url());
    });
    await use(foreign);
    expect(foreign, "requests to hosts other than the studio").toEqual([]);
  },
  studio: async ({ page, foreignRequests }, use) => {
    void foreignRequests;
    await use(new StudioPage(page));
  },
});

export { expect };
