// The gallery for looking and choosing: compare two to four images, the large view stepped with
// the arrow keys and starred with f, `/` and `?`, and the news of a job that ends while the tab
// is hidden (a toast and a browser notification).
import { test, expect } from "./fixtures";
import { makeJobs } from "./support/actions";

const tag = () => Math.random().toString(36).slice(2, 8);

test("Compare shows two to four images side by side, a slider for two, differences marked", async ({
  studio,
}) => {
  const t = tag();
  const prompts = [1, 2, 3, 4, 5].map((n) => `Compare ${t}: vase number ${n}`);
  await studio.open();
  await makeJobs(studio, prompts, { seed: 4242 });

  await studio.selectToggle.click();
  const compare = studio.selectionBar.getByRole("button", { name: "Compare", exact: true });
  await studio.toggleJob(prompts[1]);
  await expect(compare).toBeDisabled();
  await studio.toggleJob(prompts[2]);
  await expect(compare).toBeEnabled();
  await compare.click();

  const dialog = studio.page.getByRole("dialog", { name: "Compare" });
  await expect(dialog.getByRole("heading", { name: "Compare 2 images" })).toBeVisible();
  const slider = dialog.getByRole("slider", { name: "Compare slider" });
  await expect(slider).toHaveValue("50");
  await slider.fill("20");
  await expect(slider).toHaveAttribute("aria-valuetext", "20% image 1, 80% image 2");
  // Same model and seed, different prompts: only the prompt is marked.
  const seedRow = dialog.getByRole("row", { name: /^Seed/ });
  await expect(seedRow).toContainText("4242");
  await expect(seedRow).not.toContainText("differs");
  await expect(dialog.getByRole("listitem").filter({ hasText: prompts[1] })).toContainText(
    "differs",
  );
  await dialog.getByRole("button", { name: "Close" }).click();

  await studio.toggleJob(prompts[3]);
  await studio.toggleJob(prompts[4]);
  await compare.click();
  await expect(dialog.getByRole("heading", { name: "Compare 4 images" })).toBeVisible();
  await expect(dialog.getByRole("slider")).toHaveCount(0);
  await expect(dialog.getByRole("listitem")).toHaveCount(4);
  await dialog.getByRole("button", { name: "Close" }).click();

  await studio.toggleJob(prompts[0]);
  await expect(compare).toBeDisabled();
});

test("the large view steps with ← and →, stars with f, closes with Esc; / and ? work anywhere", async ({
  studio,
  page,
}) => {
  const t = tag();
  const [older, newer] = [`Keys ${t}: older kite`, `Keys ${t}: newer kite`];
  await studio.open();
  await makeJobs(studio, [older, newer]);
  await studio.searchFor(`Keys ${t}`);
  await expect(studio.jobs()).toHaveCount(2);

  await studio.job(newer).getByRole("button", { name: "Open image 1 large" }).click();
  const view = page.getByRole("dialog", { name: "Image details" });
  await expect(view.getByText(newer)).toBeVisible();
  await expect(view.getByText("1 of 2")).toBeVisible();
  await expect(view.getByRole("button", { name: "Previous image" })).toBeDisabled();

  await page.keyboard.press("ArrowRight");
  await expect(view.getByText(older)).toBeVisible();
  await expect(view.getByText("2 of 2")).toBeVisible();
  await expect(view.getByRole("button", { name: "Next image" })).toBeDisabled();

  const star = view.getByRole("button", { name: "Favourite" });
  await expect(star).toHaveAttribute("aria-pressed", "false");
  await page.keyboard.press("f");
  await expect(star).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("ArrowLeft");
  await expect(view.getByText(newer)).toBeVisible();
  await expect(star).toHaveAttribute("aria-pressed", "false");

  await page.keyboard.press("Escape");
  await expect(view).toHaveCount(0);
  // The star was saved: it survives a reload.
  await page.reload();
  await expect(studio.job(older).getByRole("button", { name: "Favourite" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );

  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("/");
  await expect(studio.search).toBeFocused();
  // Typed into the search box, `?` is text, not a shortcut.
  await page.keyboard.type("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toHaveCount(0);
  await studio.search.blur();
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  for (const label of ["Search the gallery", "Next image in the large view", "Favourite"]) {
    await expect(help.getByText(label).first()).toBeVisible();
  }
  await page.keyboard.press("Escape");
  await expect(help).toHaveCount(0);
  await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
  await expect(help).toBeVisible();
});

test("a job that ends while the tab is hidden shows a toast and a browser notification", async ({
  studio,
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(["notifications"], { origin: baseURL });
  // The page cannot be hidden for real in a headless browser: the document says it is, and
  // every notification the page makes is recorded.
  await page.addInitScript(() => {
    const w = window as unknown as { __hidden: boolean; __notes: string[] };
    w.__hidden = false;
    w.__notes = [];
    Object.defineProperty(document, "visibilityState", {
      get: () => (w.__hidden ? "hidden" : "visible"),
    });
    const Real = window.Notification;
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        w.__notes.push(`${title}|${options?.body ?? ""}`);
      }
    }
    window.Notification = Recorded as typeof Notification;
  });
  const prompt = `Hidden ${tag()}: a paper crane [sandbox:slow]`;
  await studio.open();
  await expect(page.getByRole("button", { name: "Notify me when jobs finish" })).toHaveCount(0);
  await studio.generate(prompt);
  await expect(studio.job(prompt).getByText(/Queued|Processing|Waiting/)).toBeVisible();
  await page.evaluate(() => {
    (window as unknown as { __hidden: boolean }).__hidden = true;
    document.dispatchEvent(new Event("visibilitychange"));
  });

  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __notes: string[] }).__notes), {
      timeout: 60_000,
    })
    .toEqual([`Image ready|“${prompt}”`]);
  await expect(page.getByRole("status").filter({ hasText: "Image ready" })).toBeVisible();
});
