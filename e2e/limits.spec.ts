// Rate limits no header can dodge: sign-in attempts are counted per client address as the
// studio's server saw it, failed ones back off for that address alone, and a flood from one
// address never locks anyone else out.
import path from "node:path";
import Database from "better-sqlite3";
import { test, expect, type Page } from "@playwright/test";
import { freePort, startStudio, tempDir, type Proc } from "./support/studio-process";

const PASSWORD = "correct horse battery";
let studio: Proc;
const dataDir = tempDir("studio-limits-");

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  studio = await startStudio({
    port: freePort(),
    dataDir,
    // One proxy in front: it appends the address it saw, the rightmost X-Forwarded-For entry.
    env: { STUDIO_PASSWORD: PASSWORD, TRUSTED_PROXY_HOPS: "1" },
  });
});

test.afterAll(async () => {
  await studio?.kill("SIGKILL");
});

async function attempt(page: Page, forged: string, password: string): Promise<void> {
  // The attacker writes whatever it likes left of the entry the proxy appends.
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `${forged}, 203.0.113.66` });
  const button = page.getByRole("button", { name: "Sign in" });
  await expect(button).toBeEnabled();
  await page.getByLabel("Password").fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/sign-in")),
    button.click(),
  ]);
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText(
    /not right|Too many attempts/,
  );
}

/** Wrong passwords the studio actually checked for an address: its recorded failures. */
function passwordsChecked(address: string): number {
  const db = new Database(path.join(dataDir, "studio.db"), { readonly: true });
  try {
    const row = db
      .prepare(`SELECT "failures" FROM "Throttle" WHERE "key" = ?`)
      .get(`sign-in-backoff:${address}`) as { failures: number } | undefined;
    return row?.failures ?? 0;
  } finally {
    db.close();
  }
}

test("an attacker forging X-Forwarded-For gets at most 5 guesses a minute, and the owner still signs in", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const attacker = await browser.newPage();
  await attacker.goto(`${studio.url}/sign-in`);
  // Hydrated, so each attempt is the form's action call rather than a page navigation.
  await attacker.waitForLoadState("networkidle");
  let attempts = 0;
  const started = Date.now();
  for (; Date.now() - started < 60_000; attempts++) {
    const i = attempts;
    await attempt(attacker, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, `guess ${i}`);
  }
  const checked = passwordsChecked("203.0.113.66");
  const refused = attempts - checked;
  console.log(
    `[limits] attacker with forged X-Forwarded-For: ${checked} passwords checked in one minute, ${refused} attempts refused`,
  );
  expect(checked).toBeLessThanOrEqual(5);
  expect(refused).toBeGreaterThan(0);

  // The owner, at another address, is not locked out by the flood.
  const owner = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.20" },
  });
  const page = await owner.newPage();
  await page.goto(`${studio.url}/sign-in`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Generate" })).toBeVisible();
  await owner.close();
  await attacker.close();
});

test("signing out revokes the session on the server: a copied cookie stops working", async ({
  browser,
}) => {
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.21" },
  });
  const page = await context.newPage();
  await page.goto(`${studio.url}/sign-in`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  const cookie = (await context.cookies()).find((c) => c.name === "studio_session");
  expect(cookie).toBeTruthy();
  const copied = `studio_session=${cookie!.value}`;
  expect(
    (await page.request.get(`${studio.url}/api/jobs`, { headers: { cookie: copied } })).status(),
  ).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/sign-in/);
  const replay = await page.request.get(`${studio.url}/api/jobs`, { headers: { cookie: copied } });
  expect(replay.status()).toBe(401);
  await context.close();
});

test("over https through the trusted proxy the cookie is Secure and __Host- prefixed", async ({
  browser,
}) => {
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.22", "x-forwarded-proto": "https" },
  });
  const page = await context.newPage();
  await page.goto(`${studio.url}/sign-in`);
  await page.getByLabel("Password").fill(PASSWORD);
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  const setCookie = (await res.headerValue("set-cookie")) ?? "";
  expect(setCookie).toMatch(/^__Host-studio_session=/);
  expect(setCookie).toMatch(/;\s*Secure/i);
  expect(setCookie).toMatch(/;\s*HttpOnly/i);
  expect(setCookie).not.toMatch(/Domain=/i);
  await context.close();
});

test("pages carry a nonce-based Content-Security-Policy and refuse framing", async ({ page }) => {
  const res = await page.goto(`${studio.url}/sign-in`);
  const csp = res!.headers()["content-security-policy"];
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res!.headers()["referrer-policy"]).toBe("same-origin");
  // Every script the page was served with carries this response's nonce.
  const scripts = await page
    .locator("script")
    .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  for (const n of scripts) expect(n).toBe(nonce);
});
