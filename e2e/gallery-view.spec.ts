// The gallery as a view the server computes: search and filters held in the URL, boards, bulk
// download and delete, and the queue with "Stop tracking".
import { readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { test as base, type Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { StudioPage } from "./pages/studio-page";
import { makeJobs } from "./support/actions";
import { freePort, startStudio, tempDir, type Proc } from "./support/studio-process";

const tag = () => Math.random().toString(36).slice(2, 8);

interface ApiJob {
  id: string;
  prompt: string;
  state: string;
  outputs: { url: string | null; thumbUrl: string | null }[];
}

async function jobsMatching(page: Page, q: string): Promise<ApiJob[]> {
  const res = await page.request.get(`/api/jobs?q=${encodeURIComponent(q)}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { jobs: ApiJob[] }).jobs;
}

test("search and filters live in the URL: reload and Back show the same view", async ({
  studio,
  page,
}) => {
  const t = tag();
  const amber = `View ${t}: amber lighthouse at dusk`;
  const teal = `View ${t}: teal lighthouse at dawn`;
  await studio.open();
  await makeJobs(studio, [amber, teal]);

  await studio.searchFor(`amber lighthouse`);
  await expect(studio.job(amber)).toBeVisible();
  await expect(studio.job(teal)).toHaveCount(0);
  await studio.show("Images").click();
  await expect(studio.show("Images")).toHaveAttribute("aria-pressed", "true");
  await studio.gallery.getByRole("combobox", { name: "Filter by model" }).selectOption({
    label: "Hunyuan Image v3",
  });
  await studio.gallery.getByRole("combobox", { name: "Sort" }).selectOption("oldest");
  await expect(page).toHaveURL(/kind=image/);
  await expect(page).toHaveURL(/model=hunyuan-image/);
  await expect(page).toHaveURL(/sort=oldest/);

  const sameView = async () => {
    await expect(studio.search).toHaveValue("amber lighthouse");
    await expect(studio.show("Images")).toHaveAttribute("aria-pressed", "true");
    await expect(studio.gallery.getByRole("combobox", { name: "Sort" })).toHaveValue("oldest");
    await expect(studio.job(amber)).toBeVisible();
    await expect(studio.job(teal)).toHaveCount(0);
  };
  await page.reload();
  await sameView();
  const url = page.url();
  await page.goto("/sign-in");
  await page.goBack();
  await expect(page).toHaveURL(url);
  await sameView();

  // A shared link opens the same view in a fresh page.
  const other = await page.context().newPage();
  await other.goto(url);
  const otherStudio = new StudioPage(other);
  await expect(otherStudio.job(amber)).toBeVisible();
  await expect(otherStudio.job(teal)).toHaveCount(0);
  await other.close();

  // The end before the start: the server's own message, and the date is left out.
  await studio.gallery.getByLabel("From date").fill("2030-02-10");
  await studio.gallery.getByLabel("To date").fill("2030-02-01");
  await expect(studio.gallery.getByRole("alert")).toContainText(
    "The end date is before the start date.",
  );

  await studio.searchFor(`nothing is called this ${t}`);
  await expect(
    studio.gallery.getByText(`No job matches “nothing is called this ${t}”`),
  ).toBeVisible();
  await studio.gallery.getByRole("button", { name: "Clear filters" }).click();
  await expect(studio.search).toHaveValue("");
  await expect(page).toHaveURL((u) => [...u.searchParams.keys()].join() === "sort");
  await studio.gallery.getByRole("combobox", { name: "Sort" }).selectOption("newest");
  await expect(page).toHaveURL((u) => u.search === "");
  await expect(studio.job(amber)).toBeVisible();
  await expect(studio.job(teal)).toBeVisible();
});

test("boards: create, refuse a duplicate name, add jobs, view, rename and delete", async ({
  studio,
  page,
}) => {
  const t = tag();
  const on = `Board ${t}: brass telescope`;
  const off = `Board ${t}: paper crane`;
  const name = `Moodboard ${t}`;
  await studio.open();
  await makeJobs(studio, [on, off]);

  const newBoard = async (value: string) => {
    await studio.gallery.getByRole("button", { name: "New board" }).click();
    await studio.gallery.getByRole("textbox", { name: "Board name" }).fill(value);
    await studio.gallery.getByRole("button", { name: "Create board" }).click();
  };
  await newBoard(name);
  await expect(studio.gallery.getByRole("textbox", { name: "Board name" })).toHaveCount(0);
  await expect(studio.boardPicker.getByRole("option", { name: `${name} (0)` })).toHaveCount(1);

  await newBoard(name.toUpperCase());
  await expect(studio.gallery.getByRole("alert")).toContainText(
    `A board named “${name}” already exists.`,
  );
  await studio.gallery.getByRole("textbox", { name: "Board name" }).fill("x".repeat(81));
  await studio.gallery.getByRole("button", { name: "Create board" }).click();
  await expect(studio.gallery.getByRole("alert")).toContainText("at most 80 characters");
  await studio.gallery.getByRole("button", { name: "Cancel" }).click();

  await studio.selectToggle.click();
  await studio.toggleJob(on);
  await expect(studio.selectionBar).toContainText("1 job selected");
  await studio.selectionBar
    .getByRole("combobox", { name: "Board for selected jobs" })
    .selectOption({ label: name });
  await studio.selectionBar.getByRole("button", { name: "Add to board" }).click();
  await expect(studio.selectionBar.getByRole("status")).toContainText(`Added 1 job to “${name}”`);
  await studio.selectToggle.click();

  await studio.boardPicker.selectOption({ label: `${name} (1)` });
  await expect(page).toHaveURL(/board=[0-9a-f-]{36}/);
  await expect(studio.job(on)).toBeVisible();
  await expect(studio.job(off)).toHaveCount(0);
  await page.reload();
  await expect(studio.job(on)).toBeVisible();
  await expect(studio.job(off)).toHaveCount(0);

  await studio.gallery.getByRole("button", { name: "Rename board" }).click();
  await studio.gallery.getByRole("textbox", { name: "Board name" }).fill(`Renamed ${t}`);
  await studio.gallery.getByRole("button", { name: "Save name" }).click();
  await expect(studio.boardPicker).toContainText(`Renamed ${t} (1)`);

  await studio.gallery.getByRole("button", { name: "Delete board" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Delete the board “Renamed ${t}”?` });
  await expect(confirm).toContainText("in the gallery; only the board goes");
  await confirm.getByRole("button", { name: "Delete board" }).click();
  await expect(confirm).toBeHidden();
  await expect(page).not.toHaveURL(/board=/);
  await expect(studio.boardPicker.getByRole("option", { name: `Renamed ${t} (1)` })).toHaveCount(0);
  await expect(studio.job(on)).toBeVisible();
  await expect(studio.job(off)).toBeVisible();
});

test("select a range, download it as one ZIP, then delete it for good", async ({
  studio,
  page,
}) => {
  const t = tag();
  const prompts = [`Bulk ${t}: first vase`, `Bulk ${t}: second vase`, `Bulk ${t}: third vase`];
  await studio.open();
  await makeJobs(studio, prompts);
  await studio.searchFor(`Bulk ${t}`);
  await expect(studio.jobs()).toHaveCount(3);

  await studio.selectToggle.click();
  // Newest first: third, second, first. A click, then a shift-click, selects all three.
  await studio.toggleJob(prompts[2]);
  await studio.toggleJob(prompts[0], { range: true });
  await expect(studio.selectionBar).toContainText("3 jobs selected");
  await studio.toggleJob(prompts[1]);
  await expect(studio.selectionBar).toContainText("2 jobs selected");
  await studio.selectionBar.getByRole("button", { name: "Select all in view" }).click();
  await expect(studio.selectionBar).toContainText("3 jobs selected");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    studio.selectionBar.getByRole("button", { name: "Download ZIP" }).click(),
  ]);
  const zip = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  const names = Object.keys(zip);
  const jobJsons = names.filter((n) => n.endsWith("/job.json"));
  expect(jobJsons, names.join("\n")).toHaveLength(3);
  const described = jobJsons.map((n) => JSON.parse(strFromU8(zip[n])) as { prompt: string });
  expect(described.map((d) => d.prompt).sort()).toEqual([...prompts].sort());
  expect(names.filter((n) => /\/1\.(png|jpe?g|webp)$/.test(n))).toHaveLength(3);

  const media = (await jobsMatching(page, `Bulk ${t}`)).flatMap((j) =>
    j.outputs.flatMap((o) => [o.url, o.thumbUrl]).filter((u): u is string => !!u),
  );
  expect(media.length).toBeGreaterThanOrEqual(3);
  for (const u of media) expect((await page.request.get(u)).status()).toBe(200);

  await studio.selectionBar.getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete 3 jobs?" });
  await expect(confirm).toContainText("cannot be undone");
  await confirm.getByRole("button", { name: "Delete 3 jobs" }).click();
  await expect(studio.jobs()).toHaveCount(0);
  await expect(studio.selectionBar.getByRole("status")).toContainText("Deleted 3 jobs");
  for (const u of media) expect((await page.request.get(u)).status(), u).toBe(404);
  expect(await jobsMatching(page, `Bulk ${t}`)).toHaveLength(0);
  await page.reload();
  await expect(studio.gallery.getByText(`No job matches “Bulk ${t}”`)).toBeVisible();
});

base.describe("with a job in flight", () => {
  let proc: Proc;
  base.beforeAll(async () => {
    // Slow enough that a `[sandbox:slow]` image stays in flight for about a minute.
    proc = await startStudio({
      port: freePort(),
      dataDir: tempDir("studio-queue-"),
      env: { SANDBOX_SPEED: "0.25" },
    });
  });
  base.afterAll(async () => {
    await proc?.kill();
  });

  base(
    "the queue shows it; delete refuses it; other tabs drop deleted jobs; Stop tracking ends it",
    async ({ page, context }) => {
      base.setTimeout(240_000);
      const studio = new StudioPage(page);
      const done = "Queue: a finished kite";
      const slow = "Queue: a slow comet [sandbox:slow]";
      await page.goto(proc.url);
      await studio.generate(done);
      await studio.waitCompleted(done);
      await studio.generate(slow);
      await expect(studio.job(slow).getByText(/Queued|Processing|Sending/)).toBeVisible();

      // A second tab on the same view: it polls while the slow job is in flight.
      const other = new StudioPage(await context.newPage());
      await other.page.goto(proc.url);
      await expect(other.job(done)).toBeVisible();

      await studio.selectToggle.click();
      await studio.toggleJob(done);
      await studio.toggleJob(slow);
      await studio.selectionBar.getByRole("button", { name: "Delete", exact: true }).click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Delete 2 jobs" }).click();
      await expect(studio.selectionBar.getByRole("alert")).toContainText(
        "still in flight: stop tracking it or wait until it ends",
      );
      await expect(studio.job(done)).toHaveCount(0);
      await expect(studio.job(slow)).toBeVisible();
      await expect(other.job(done)).toHaveCount(0, { timeout: 10_000 });
      await expect(other.job(slow)).toBeVisible();
      await studio.selectToggle.click();

      await expect(studio.queueButton).toContainText("1 in flight");
      await studio.queueButton.click();
      const row = studio.queuePanel.getByRole("listitem").filter({ hasText: slow });
      await expect(row).toContainText(/Queued|Processing/);
      await expect(row).toContainText("so far");
      await expect(row).toContainText(/about \d+ (s|min) left|longer than usual|no estimate yet/);

      await row.getByRole("button", { name: "Stop tracking" }).click();
      const confirm = page.getByRole("alertdialog", { name: "Stop tracking this job?" });
      await expect(confirm).toContainText("may still finish the job and charge for it");
      await confirm.getByRole("button", { name: "Stop tracking" }).click();
      await expect(confirm).toBeHidden();
      await expect(
        studio.queuePanel.getByRole("list", { name: "Jobs in flight" }).getByText(slow),
      ).toHaveCount(0);
      const ended = studio.queuePanel.getByRole("list", { name: "Ended just now" });
      await expect(ended).toContainText(slow);
      await expect(ended.getByRole("button", { name: "Retry" })).toBeVisible();
      await expect(studio.queueButton).toContainText("0 in flight");
      await expect(studio.job(slow).getByText("Unknown", { exact: true })).toBeVisible();
      await expect(studio.job(slow).getByRole("alert")).toContainText("Tracking stopped");
      await expect(other.job(slow).getByText("Unknown", { exact: true })).toBeVisible();
    },
  );
});
