// Chromium for the benchmarks (Debian's, never a download), network emulation through CDP, and
// the few studio pages and endpoints the browser benchmarks share.
import { chromium, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import type { BrowserJob } from "../../lib/jobs/browser-job";
import { isEnded } from "../../lib/jobs/states";
import type { GalleryPage } from "../../lib/gallery/load";
import type { Scope } from "./scope";

const ARGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
];

export async function launchChromium(scope: Scope): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ARGS,
  });
  scope.defer("close Chromium", () => browser.close());
  return browser;
}

export interface Link {
  downMbps: number;
  upMbps: number;
  latencyMs: number;
}

/** Throttles one page's network as DevTools does (applied in the browser's network stack). */
export async function emulateLink(page: Page, link: Link | null) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: link?.latencyMs ?? 0,
    downloadThroughput: link ? (link.downMbps * 1e6) / 8 : -1,
    uploadThroughput: link ? (link.upMbps * 1e6) / 8 : -1,
  });
  return cdp;
}

export async function signIn(page: Page, url: string, password: string) {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel("Password").fill(password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith("/sign-in"), { timeout: 30_000 }),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
}

/** The newest jobs as the gallery's API gives them (at most 200). */
export async function listJobs(request: APIRequestContext, url: string): Promise<BrowserJob[]> {
  const res = await request.get(`${url}/api/jobs?limit=200`, {
    headers: { "cache-control": "no-cache" },
  });
  if (!res.ok()) throw new Error(`GET /api/jobs answered ${res.status()}`);
  return ((await res.json()) as GalleryPage).jobs;
}

export const isSettled = (j: BrowserJob) =>
  isEnded(j.state) && j.outputs.every((o) => o.state !== "PENDING");
