// Share links on a studio with a password: a read-only page that works without signing in,
// shows one job and nothing else, and says so when the link was tampered with or revoked.
import { test as base, expect, type Page } from "@playwright/test";
import { StudioPage } from "./pages/studio-page";
import { freePort, startStudio, tempDir, type Proc } from "./support/studio-process";

const PASSWORD = "a password for sharing, e2e";
let studio: Proc;

base.beforeAll(async () => {
  studio = await startStudio({
    port: freePort(),
    dataDir: tempDir("studio-share-"),
    env: { STUDIO_PASSWORD: PASSWORD },
  });
});

base.afterAll(async () => {
  await studio?.kill("SIGKILL");
});

async function share(page: Page, days: string) {
  const dialog = page.getByRole("dialog", { name: "Share" });
  await dialog.getByLabel("Link lasts").selectOption({ label: days });
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = await dialog.getByRole("textbox").inputValue();
  await dialog.getByRole("button", { name: "Close" }).click();
  return link;
}

base(
  "a share link opens one job read-only without signing in, until it is revoked",
  async ({ page, browser }) => {
    base.setTimeout(240_000);
    const s = new StudioPage(page);
    await page.goto(`${studio.url}/sign-in`);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(s.generateButton).toBeVisible();

    const prompt = "Shared: a paper lantern over a pond, e2e";
    const other = "Private: nobody outside sees this one, e2e";
    await s.generate(other);
    await s.waitCompleted(other);
    await s.generate(prompt);
    await s.waitCompleted(prompt);

    await s.job(prompt).getByRole("button", { name: "Open image 1 large" }).click();
    const details = page.getByRole("dialog", { name: "Image details" });
    await details.getByRole("button", { name: "Share" }).click();
    const imageLink = await share(page, "1 day");
    expect(imageLink).toMatch(new RegExp(`^${studio.url}/s/[A-Za-z0-9_-]{43}$`));
    await page.keyboard.press("Escape");

    // A 3D model made from it, shared too.
    await s.job(prompt).getByRole("button", { name: "Make 3D" }).click();
    await page.getByLabel("Face count", { exact: true }).fill("40000");
    await s.prompt.fill("Shared lantern in 3D, e2e");
    await s.generateButton.click();
    const meshJob = s.job("Shared lantern in 3D, e2e");
    await expect(meshJob.getByText("Completed")).toBeVisible({ timeout: 90_000 });
    await meshJob.getByRole("button", { name: "View 3D" }).click({ timeout: 60_000 });
    await page
      .getByRole("dialog", { name: "3D model" })
      .getByRole("button", { name: "Share" })
      .click();
    const meshLink = await share(page, "7 days");
    await page.keyboard.press("Escape");

    // Someone without a session.
    const guest = await browser.newContext();
    const g = await guest.newPage();
    await g.goto(imageLink);
    await expect(g.getByText(prompt)).toBeVisible();
    const img = g.getByRole("img", { name: prompt });
    await expect(img).toBeVisible();
    expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
    await expect(g.getByText(/Shared, read-only/)).toBeVisible();
    // Nothing else: no way to generate, no gallery, no other job, no key, no API.
    await expect(g.getByRole("button", { name: "Generate" })).toHaveCount(0);
    await expect(g.getByText(other)).toHaveCount(0);
    expect(await g.content()).not.toContain("PIXAZO");
    expect((await guest.request.get(`${studio.url}/api/jobs`)).status()).toBe(401);
    expect((await guest.request.get(`${studio.url}/api/shares`)).status()).toBe(401);
    const download = await guest.request.get(`${imageLink}/file/0?kind=image&download=1`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toMatch(/attachment/);
    // The link's files are only its job's: another index or kind is not found.
    expect((await guest.request.get(`${imageLink}/file/7?kind=image`)).status()).toBe(404);
    expect((await guest.request.get(`${imageLink}/file/0?kind=glb`)).status()).toBe(404);

    await g.goto(meshLink);
    const viewer = g.getByRole("region", { name: "3D viewer" });
    await expect(viewer).toContainText(/Triangles/i, { timeout: 60_000 });
    await expect(viewer.getByText("Loading mesh")).toBeHidden({ timeout: 60_000 });

    // Tampered with: a clear page, nothing of the job.
    const last = imageLink.at(-1) === "A" ? "B" : "A";
    await g.goto(imageLink.slice(0, -1) + last);
    await expect(
      g.getByRole("heading", { name: "This link does not open anything" }),
    ).toBeVisible();
    await expect(g.getByText(prompt)).toHaveCount(0);

    // Revoked from the studio's list: the page and its files stop at once.
    await page.getByRole("button", { name: "Shared links" }).click();
    const list = page.getByRole("dialog", { name: "Shared links" });
    await expect(list.getByRole("listitem")).toHaveCount(2);
    await list
      .getByRole("listitem")
      .filter({ hasText: prompt })
      .getByRole("button", { name: "Revoke" })
      .click();
    await expect(list.getByRole("listitem")).toHaveCount(1);
    await g.goto(imageLink);
    await expect(g.getByRole("heading", { name: "This link was turned off" })).toBeVisible();
    await expect(g.getByText(prompt)).toHaveCount(0);
    expect((await guest.request.get(`${imageLink}/file/0?kind=image`)).status()).toBe(410);
    await guest.close();
  },
);
