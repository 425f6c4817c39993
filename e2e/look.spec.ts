// The studio's look: light and dark themes on every screen with no WCAG 2 A/AA violation that
// axe can find, the theme toggle remembered across reloads and applied before the first paint,
// and the studio's icon, favicon and web manifest served.
import AxeBuilder from "@axe-core/playwright";
import { test as base, type Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { freePort, startStudio, tempDir, type Proc } from "./support/studio-process";

type Theme = "light" | "dark";
const THEMES: Theme[] = ["light", "dark"];
const CHOICE = { light: "Light", dark: "Dark" } as const;
const other = (theme: Theme): Theme => (theme === "light" ? "dark" : "light");

function themeRadio(page: Page, name: "System" | "Light" | "Dark") {
  return page.getByRole("radiogroup", { name: "Theme" }).getByRole("radio", { name });
}

async function expectTheme(page: Page, theme: Theme) {
  await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.documentElement).colorScheme))
    .toBe(theme);
}

/**
 * Runs axe's WCAG 2 A and AA rules on the page (or the part `include` selects) and records,
 * without stopping the test, every violation as rule, impact, selector and axe's own summary.
 */
async function scan(page: Page, screen: string, include?: string) {
  // A colour halfway through a transition or a pulse is not the colour a reader sees.
  await page.addStyleTag({
    content: "*, *::before, *::after { transition: none !important; animation: none !important; }",
  });
  let axe = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]);
  if (include) axe = axe.include(include);
  const { violations } = await axe.analyze();
  const report = violations
    .map((v) =>
      [
        `${v.id} (${v.impact ?? "no impact given"}): ${v.help}`,
        ...v.nodes.map(
          (n) =>
            `  at ${n.target.join(" ")}\n    ${(n.failureSummary ?? "").replaceAll("\n", "\n    ")}`,
        ),
      ].join("\n"),
    )
    .join("\n");
  expect.soft(report, `WCAG 2 A/AA violations on ${screen}`).toBe("");
}

function pngSize(png: Buffer) {
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

test("the studio's icon, favicon and web manifest are served and linked from the page", async ({
  studio,
  page,
}) => {
  await studio.open();
  // Next may stream metadata after the shell: look for the links anywhere in the document.
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute(
    "href",
    "/manifest.webmanifest",
  );
  await expect(page.locator('link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
  await expect(page.locator('link[rel="icon"][href^="/icon.svg"]')).toHaveCount(1);
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute(
    "href",
    /^\/apple-touch-icon\.png/,
  );

  const favicon = await page.request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/icon/);
  expect([...(await favicon.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);

  const apple = await page.request.get("/apple-touch-icon.png");
  expect(apple.status()).toBe(200);
  expect(apple.headers()["content-type"]).toBe("image/png");
  expect(pngSize(await apple.body())).toEqual({ width: 180, height: 180 });

  const res = await page.request.get("/manifest.webmanifest");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/json/);
  const manifest = (await res.json()) as {
    name: string;
    start_url: string;
    theme_color: string;
    background_color: string;
    icons: { src: string; sizes: string; type: string }[];
  };
  expect(manifest.name).toBe("Hunyuan Studio");
  expect(manifest.start_url).toBe("/");
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.icons.map((i) => i.src)).toEqual(
    expect.arrayContaining(["/icon.svg", "/icon-192.png", "/icon-512.png"]),
  );
  for (const icon of manifest.icons) {
    const file = await page.request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()["content-type"], icon.src).toContain(icon.type);
    if (icon.type === "image/png") {
      const [w, h] = icon.sizes.split("x").map(Number);
      expect(pngSize(await file.body()), icon.src).toEqual({ width: w, height: h });
    } else {
      expect((await file.body()).toString(), icon.src).toContain("<svg");
    }
  }
});

test("the theme follows the system until chosen; the choice survives a reload and is there before the first paint", async ({
  studio,
  page,
}) => {
  const refused: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to execute/i.test(m.text())) refused.push(m.text());
  });
  // What data-theme said when the parser first made <body>, before anything could be painted.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.body) return;
      document.documentElement.dataset.themeAtBody = document.documentElement.dataset.theme ?? "";
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  const themeAtBody = () => page.locator("html").getAttribute("data-theme-at-body");

  await page.emulateMedia({ colorScheme: "light" });
  await studio.open();
  await expectTheme(page, "light");
  expect(await themeAtBody()).toBe("light");
  await expect(themeRadio(page, "System")).toBeChecked();
  // While no choice is stored, a change of the system's setting is followed at once.
  await page.emulateMedia({ colorScheme: "dark" });
  await expectTheme(page, "dark");

  await themeRadio(page, "Light").check();
  await expectTheme(page, "light");
  await page.reload();
  await expect(studio.generateButton).toBeVisible();
  await expectTheme(page, "light");
  expect(await themeAtBody()).toBe("light");
  await expect(themeRadio(page, "Light")).toBeChecked();

  // The radios work from the keyboard: the arrow keys move the choice.
  await themeRadio(page, "Light").focus();
  await page.keyboard.press("ArrowRight");
  await expect(themeRadio(page, "Dark")).toBeChecked();
  await expectTheme(page, "dark");
  await page.emulateMedia({ colorScheme: "light" });
  await page.reload();
  await expect(studio.generateButton).toBeVisible();
  await expectTheme(page, "dark");
  expect(await themeAtBody()).toBe("dark");
  await expect(themeRadio(page, "Dark")).toBeChecked();

  await themeRadio(page, "System").check();
  await expectTheme(page, "light");
  await page.reload();
  await expect(studio.generateButton).toBeVisible();
  await expectTheme(page, "light");
  await expect(themeRadio(page, "System")).toBeChecked();
  expect(refused, "scripts refused by the Content-Security-Policy").toEqual([]);
});

test("every screen of the studio has no WCAG 2 A/AA violation in either theme", async ({
  studio,
  page,
}) => {
  test.setTimeout(300_000);
  await studio.open();

  // Something in each state worth showing: a finished image, a job the model failed, and a mesh.
  const imagePrompt = "Look: a glass teapot on linen, e2e";
  const failedPrompt = "Look: a dream that breaks [sandbox:fail=error]";
  const meshPrompt = "Look: the teapot in 3D, e2e";
  const secondPrompt = "Look: a stone teapot on slate, e2e";
  await studio.generate(secondPrompt);
  await studio.generate(imagePrompt);
  const imageJob = await studio.waitCompleted(imagePrompt, 1);
  await studio.waitCompleted(secondPrompt, 1);
  await studio.generate(failedPrompt);
  await expect(studio.job(failedPrompt).getByText("Error", { exact: true })).toBeVisible({
    timeout: 60_000,
  });
  await imageJob.getByRole("button", { name: "Make 3D" }).click();
  await expect(studio.model).toHaveValue("hunyuan3d-3-0-api-294");
  await page.getByLabel("Face count", { exact: true }).fill("40000");
  await studio.generate(meshPrompt);
  await expect(studio.job(meshPrompt).getByText("Completed")).toBeVisible({ timeout: 90_000 });

  // The theme the system asks for, with no choice stored.
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    await page.reload();
    await expect(studio.generateButton).toBeVisible();
    await expectTheme(page, theme);
    await scan(page, `the studio (${theme}, from the system setting)`);
  }

  // The theme chosen with the toggle, against the system's setting, on every screen.
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: other(theme) });
    await page.reload();
    await expect(studio.generateButton).toBeVisible();
    await themeRadio(page, CHOICE[theme]).check();
    await expectTheme(page, theme);
    await expect(studio.job(imagePrompt).getByRole("img", { name: imagePrompt })).toBeVisible();
    await scan(page, `the studio (${theme})`);

    for (const model of ["Hunyuan Image 3.0 Instruct", "Hunyuan3D 3.0"] as const) {
      await studio.chooseModel(model);
      await scan(page, `the composer for ${model} (${theme})`, 'form[aria-label="New job"]');
    }
    await studio.chooseModel("Hunyuan Image v3");

    const search = studio.gallery.getByRole("searchbox", { name: "Search", exact: true });
    await search.fill("nothing is called this, e2e look");
    await expect(studio.gallery.getByText(/No job matches/)).toBeVisible();
    await scan(page, `the gallery with no match (${theme})`, 'section[aria-label="Gallery"]');
    await search.fill("");

    // Removing a job shows the undo notice.
    await studio.job(failedPrompt).getByRole("button", { name: "Remove" }).click();
    const notice = page.getByRole("status").filter({ hasText: "Removed" });
    await expect(notice).toBeVisible();
    await scan(page, `the studio with the undo notice (${theme})`);
    await notice.getByRole("button", { name: "Undo" }).click();
    await expect(studio.job(failedPrompt)).toBeVisible();

    await studio.job(imagePrompt).getByRole("button", { name: "Open image 1 large" }).click();
    const details = page.getByRole("dialog", { name: "Image details" });
    await expect(details.getByRole("img", { name: imagePrompt })).toBeVisible();
    await scan(page, `the image details (${theme})`, "dialog[open]");

    // Sharing: the dialog, the read-only page a link opens, and the list of live links.
    await details.getByRole("button", { name: "Share" }).click();
    const shareDialog = page.getByRole("dialog", { name: "Share" });
    await shareDialog.getByRole("button", { name: "Create link" }).click();
    const link = await shareDialog.getByRole("textbox").inputValue();
    await scan(page, `the share dialog (${theme})`, "dialog[open]");
    await shareDialog.getByRole("button", { name: "Close" }).click();
    await page.keyboard.press("Escape");
    await expect(details).toBeHidden();
    const shared = await page.context().newPage();
    await shared.emulateMedia({ colorScheme: theme });
    await shared.goto(link);
    await expect(shared.getByRole("img", { name: imagePrompt })).toBeVisible();
    await scan(shared, `a share page (${theme})`);
    await shared.goto(`${link.slice(0, -1)}${link.endsWith("A") ? "B" : "A"}`);
    await scan(shared, `a share page that opens nothing (${theme})`);
    await shared.close();
    await page.getByRole("button", { name: "Shared links" }).click();
    const links = page.getByRole("dialog", { name: "Shared links" });
    await expect(links.getByRole("listitem").first()).toBeVisible();
    await scan(page, `the shared links (${theme})`, "dialog[open]");
    await page.keyboard.press("Escape");

    await page.keyboard.press("?");
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
    await scan(page, `the keyboard shortcuts (${theme})`, "dialog[open]");
    await page.keyboard.press("Escape");

    await studio.selectToggle.click();
    await studio.toggleJob(imagePrompt);
    await studio.toggleJob(secondPrompt);
    await scan(page, `the gallery selecting (${theme})`, 'section[aria-label="Gallery"]');
    await studio.selectionBar.getByRole("button", { name: "Compare", exact: true }).click();
    const compare = page.getByRole("dialog", { name: "Compare" });
    await expect(compare.getByRole("slider", { name: "Compare slider" })).toBeVisible();
    await scan(page, `compare (${theme})`, "dialog[open]");
    await page.keyboard.press("Escape");
    await expect(compare).toBeHidden();
    await studio.selectionBar.getByRole("button", { name: "Clear selection" }).click();
    await studio.selectToggle.click();

    await studio
      .job(meshPrompt)
      .getByRole("button", { name: "View 3D" })
      .click({ timeout: 60_000 });
    const viewer = page.getByRole("region", { name: "3D viewer" });
    await expect(viewer).toContainText(/Triangles/i);
    await expect(viewer.getByText("Loading mesh")).toBeHidden({ timeout: 60_000 });
    await scan(page, `the 3D viewer (${theme})`, "dialog[open]");
    await page.keyboard.press("Escape");
    await expect(viewer).toBeHidden();
  }
});

base.describe("with a password", () => {
  let studio: Proc;

  base.beforeAll(async () => {
    studio = await startStudio({
      port: freePort(),
      dataDir: tempDir("studio-look-"),
      env: { STUDIO_PASSWORD: "a password for the look, e2e" },
    });
  });

  base.afterAll(async () => {
    await studio?.kill("SIGKILL");
  });

  base("the sign-in page has no WCAG 2 A/AA violation in either theme", async ({ page }) => {
    // The browser asks for these before anyone has signed in.
    for (const file of ["/manifest.webmanifest", "/favicon.ico", "/apple-touch-icon.png"]) {
      expect((await page.request.get(`${studio.url}${file}`)).status(), file).toBe(200);
    }
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: other(theme) });
      await page.goto(`${studio.url}/sign-in`);
      await themeRadio(page, CHOICE[theme]).check();
      await expectTheme(page, theme);
      await scan(page, `sign-in (${theme})`);

      await page.getByLabel("Password").fill("not the password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert").filter({ hasText: /./ })).toBeVisible();
      await scan(page, `sign-in with an error (${theme})`);
    }
  });
});
