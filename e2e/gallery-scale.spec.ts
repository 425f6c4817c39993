// The gallery at size: a studio seeded with 10,000 finished jobs against an empty one. Prints
// the first render time and DOM size of each, keeps the number of cards in the page bounded
// while scrolling to the oldest job, finds that job by sort and by search, and prints what the
// browser downloads per minute to follow one job in flight.
import { execFileSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { test, expect, type Page } from "@playwright/test";
import { StudioPage } from "./pages/studio-page";
import { freePort, startStudio, tempDir, type Proc } from "./support/studio-process";

const ROOT = path.resolve(__dirname, "..");
const SEEDED = 10_000;
/** A prompt only the oldest seeded job has (the seeder's prompts repeat). */
const OLDEST = "Oldest seeded job: a brass orrery on velvet, scale e2e";
/** Cards in the page at once, at most: a few screens of rows, never the whole gallery. */
const CARDS_MAX = 150;

test.describe.configure({ mode: "serial" });

let big: Proc;
let empty: Proc;

function withData(dataDir: string) {
  return { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, CHECKPOINT_DISABLE: "1" } };
}

function seed(dataDir: string) {
  execFileSync(
    process.execPath,
    [path.join(ROOT, "node_modules/prisma/build/index.js"), "migrate", "deploy"],
    { ...withData(dataDir), stdio: "pipe" },
  );
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
      "scripts/seed-gallery.ts",
      String(SEEDED),
      "--seed",
      "20261202",
    ],
    { ...withData(dataDir), stdio: "pipe", timeout: 600_000 },
  );
  const db = new Database(path.join(dataDir, "studio.db"));
  const oldest = db
    .prepare(`SELECT "id" FROM "Job" ORDER BY "createdAt" ASC, "id" ASC LIMIT 1`)
    .get() as { id: string };
  db.prepare(`UPDATE "Job" SET "prompt" = ?, "searchText" = ? WHERE "id" = ?`).run(
    OLDEST,
    OLDEST.toLowerCase(),
    oldest.id,
  );
  db.close();
}

test.beforeAll(async () => {
  test.setTimeout(900_000);
  const bigDir = tempDir("studio-scale-");
  seed(bigDir);
  // Slow enough that one `[sandbox:slow]` image stays in flight for two minutes.
  const env = { SANDBOX_SPEED: "0.1" };
  [big, empty] = await Promise.all([
    startStudio({ port: freePort(), dataDir: bigDir, env }),
    startStudio({ port: freePort(), dataDir: tempDir("studio-scale-empty-"), env }),
  ]);
});

test.afterAll(async () => {
  await Promise.all([big?.kill(), empty?.kill()]);
});

/**
 * Navigation start to the first frame showing a card (or the empty gallery's words), and the
 * DOM's size once the page settled; the median of three loads on a warmed-up server.
 */
async function firstRender(
  page: Page,
  url: string,
): Promise<{ ms: number; nodes: number; all: number[] }> {
  await page.addInitScript(() => {
    const w = window as unknown as { firstCardAt?: number };
    const seen = () =>
      document.querySelector("article") ??
      [...document.querySelectorAll("p")].find((p) => p.textContent === "Nothing here yet.");
    new MutationObserver((_, observer) => {
      if (!seen()) return;
      observer.disconnect();
      requestAnimationFrame(() => (w.firstCardAt = performance.now()));
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url); // warms the server and the browser's cache of the studio's scripts
  const all: number[] = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(url);
    await expect(
      page.locator("article").first().or(page.getByText("Nothing here yet.")),
    ).toBeVisible();
    await page.waitForFunction(() => (window as unknown as { firstCardAt?: number }).firstCardAt);
    all.push(
      Math.round(
        await page.evaluate(() => (window as unknown as { firstCardAt: number }).firstCardAt),
      ),
    );
  }
  await page.waitForLoadState("networkidle");
  const nodes = await page.evaluate(() => document.querySelectorAll("*").length);
  return { ms: [...all].sort((a, b) => a - b)[1], nodes, all };
}

async function cardsInPage(page: Page) {
  const n = await page.locator("article").count();
  expect(n, "cards in the page").toBeLessThan(CARDS_MAX);
  return n;
}

test("10,000 jobs render as fast as a few and keep the page small while scrolling to the oldest", async ({
  browser,
}) => {
  test.setTimeout(600_000);
  const bigPage = await browser.newPage();
  const emptyPage = await browser.newPage();
  const full = await firstRender(bigPage, big.url);
  const none = await firstRender(emptyPage, empty.url);
  console.log(
    `[gallery] ${SEEDED.toLocaleString("en-US")} jobs: first render ${full.ms} ms, ${full.nodes} DOM nodes; ` +
      `empty: first render ${none.ms} ms, ${none.nodes} DOM nodes ` +
      `(median of 3 loads: ${full.all.join(", ")} ms vs ${none.all.join(", ")} ms)`,
  );
  await emptyPage.close();
  const page = bigPage;
  const studio = new StudioPage(page);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await expect(studio.gallery.getByText("10,000 jobs")).toBeVisible();
  expect(full.nodes).toBeLessThan(none.nodes * 10);

  // A few screens with the mouse wheel, as a designer scrolls...
  await page.mouse.move(900, 500);
  let most = 0;
  for (let i = 0; i < 20; i++) {
    await page.mouse.wheel(0, 2500);
    await page.waitForTimeout(50);
    most = Math.max(most, await cardsInPage(page));
  }
  // ...then on down to the oldest job, scrolled from inside the page (a step per 50 ms, with
  // the next pages loading on the way), counting the cards in the page at every step.
  const run = await page.evaluate(
    async ({ oldest, limitMs }) => {
      const t0 = performance.now();
      const status = () =>
        [...document.querySelectorAll("[role=status]")].map((e) => e.textContent).join("|");
      const found = () =>
        [...document.querySelectorAll("article")].some(
          (a) => a.getAttribute("aria-label") === oldest,
        );
      let most = 0;
      let steps = 0;
      while (performance.now() - t0 < limitMs) {
        if (!/Scroll for more|Loading older jobs/.test(status()) && found()) break;
        window.scrollBy(0, 2500);
        await new Promise((r) => setTimeout(r, 50));
        most = Math.max(most, document.querySelectorAll("article").length);
        steps++;
      }
      return { most, steps, ms: Math.round(performance.now() - t0) };
    },
    { oldest: OLDEST, limitMs: 300_000 },
  );
  most = Math.max(most, run.most);
  const oldest = studio.job(OLDEST);
  // The grid may re-measure its rows as the last page lands, replacing the card: try again.
  await expect(async () => {
    await oldest.scrollIntoViewIfNeeded({ timeout: 5000 });
    await expect(oldest).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  console.log(
    `[gallery] scrolled to the oldest of ${SEEDED.toLocaleString("en-US")} jobs in ${run.steps} steps ` +
      `(${Math.round(run.ms / 1000)} s), at most ${most} cards in the page`,
  );
  expect(most, "cards in the page at once").toBeLessThan(CARDS_MAX);

  // Oldest first, it is the first card; and a search finds it alone.
  await page.goto(`${big.url}/?sort=oldest`);
  await expect(studio.jobs().first()).toContainText(OLDEST);
  await page.goto(big.url);
  await studio.searchFor("brass orrery on velvet");
  await expect(studio.job(OLDEST)).toBeVisible();
  await expect(studio.jobs()).toHaveCount(1);
  await expect(studio.gallery.getByText("1 job match")).toBeVisible();
  expect(errors, "errors in the page").toEqual([]);
});

test("one job in flight among 10,000: the browser polls only for changes", async ({ page }) => {
  test.setTimeout(300_000);
  const studio = new StudioPage(page);
  await page.goto(big.url);
  const prompt = "Scale: one job in flight [sandbox:slow]";
  await studio.generate(prompt);
  await expect(studio.job(prompt).getByText(/Queued|Processing/)).toBeVisible({ timeout: 60_000 });

  let bytes = 0;
  let polls = 0;
  let held = 0;
  let fullRefetches = 0;
  page.on("response", (res) => {
    const url = new URL(res.url());
    if (url.pathname === "/api/jobs") fullRefetches++;
    if (url.pathname !== "/api/jobs/changes") return;
    polls++;
    if (url.searchParams.has("wait")) held++;
    void res
      .request()
      .sizes()
      .then((s) => (bytes += s.responseBodySize + s.responseHeadersSize));
  });
  await page.waitForTimeout(30_000);
  await expect(studio.job(prompt).getByText(/Queued|Processing/)).toBeVisible();
  const firstPage = await page.request.get(`${big.url}/api/jobs`);
  const pageBytes = (await firstPage.body()).length;
  console.log(
    `[gallery] polling bytes per minute with one job in flight: ${(bytes * 2).toLocaleString("en-US")} ` +
      `(${polls * 2} polls of /api/jobs/changes; one first page of /api/jobs is ${pageBytes.toLocaleString("en-US")} bytes)`,
  );
  // Each question is held by the server until something changes (at most 15 s), so half a
  // minute with nothing new costs a few answers, not one a second.
  expect(polls).toBeGreaterThanOrEqual(2);
  expect(polls).toBeLessThanOrEqual(10);
  expect(held, "questions held by the server").toBeGreaterThanOrEqual(2);
  expect(fullRefetches, "whole-list refetches while polling").toBe(0);
});
