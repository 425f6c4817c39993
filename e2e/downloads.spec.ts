// Paid outputs are not lost to a link that stops working: expired links are replaced by reading
// the job's status again (never by sending the job again), and an output given up on can be
// fetched again. Each test starts its own studio, with the sandbox gateway mounted inside it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { test, expect, type Page } from "@playwright/test";
import { StudioPage } from "./pages/studio-page";
import { captureGenerate, jobIdOf } from "./support/actions";
import { freePort, startStudio, tempDir, type Proc } from "./support/studio-process";

type Job = {
  id: string;
  state: string;
  prompt: string;
  outputs: { id: string; state: string; error: string | null }[];
};

type RequestStats = { statusReads: number; linkSets: number; expiredLinks: number };

async function jobs(page: Page, base: string): Promise<Job[]> {
  const res = await page.request.get(`${base}/api/jobs`);
  return ((await res.json()) as { jobs: Job[] }).jobs;
}

async function waitFor(check: () => Promise<boolean>, ms: number, what: string) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Prompts of the requests the sandbox accepted: one record per submit. */
function submittedPrompts(dataDir: string): string[] {
  const dir = path.join(dataDir, "sandbox", "requests");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map(
      (f) =>
        (JSON.parse(readFileSync(path.join(dir, f), "utf8")) as { params: { prompt: string } })
          .params.prompt,
    );
}

function requestIds(dataDir: string): Map<string, string> {
  const db = new Database(path.join(dataDir, "studio.db"), { readonly: true });
  try {
    const rows = db.prepare(`SELECT prompt, requestId FROM "Job"`).all() as {
      prompt: string;
      requestId: string;
    }[];
    return new Map(rows.map((r) => [r.prompt, r.requestId]));
  } finally {
    db.close();
  }
}

async function requestStats(page: Page, base: string, requestId: string): Promise<RequestStats> {
  const res = await page.request.get(`${base}/sandbox/_sandbox/stats?request=${requestId}`);
  return (await res.json()) as RequestStats;
}

const procs: Proc[] = [];
test.afterEach(async () => {
  await Promise.all(procs.splice(0).map((p) => p.kill("SIGKILL")));
});

test("every link expires once: all 20 outputs are stored after a status re-read, each job sent once", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const dataDir = tempDir("studio-expire-");
  const studio = await startStudio({
    port: freePort(),
    dataDir,
    env: { SANDBOX_SPEED: "3", GATEWAY_MAX_IN_FLIGHT: "8" },
  });
  procs.push(studio);
  await page.goto(studio.url);
  const expire = "[sandbox:media=expire-once]";
  // The form's own job (one image), then five more through the same action: 20 images in all.
  const wanted = new Map<string, number>([[`expiring links 0 ${expire}`, 1]]);
  const generate = await captureGenerate(page, `expiring links 0 ${expire}`);
  for (const [i, n] of [4, 4, 4, 4, 3].entries()) {
    const prompt = `expiring links ${i + 1} ${expire}`;
    wanted.set(prompt, n);
    const r = await generate.call({
      model: "hunyuan-image",
      prompt,
      image_size: "square",
      num_images: n,
    });
    expect(jobIdOf(r.text), r.text.slice(0, 300)).not.toBeNull();
  }
  const total = [...wanted.values()].reduce((a, b) => a + b, 0);
  expect(total).toBe(20);

  // Every image shows in the gallery, as a designer sees it.
  const studioPage = new StudioPage(page);
  for (const [prompt, n] of wanted) {
    await expect(studioPage.job(prompt).getByRole("img", { name: prompt })).toHaveCount(n, {
      timeout: 150_000,
    });
  }
  const all = await jobs(page, studio.url);
  expect(all).toHaveLength(wanted.size);
  const stored = all.flatMap((j) => j.outputs).filter((o) => o.state === "STORED").length;
  for (const j of all) {
    expect(j.state, j.prompt).toBe("COMPLETED");
    expect(
      j.outputs.map((o) => o.state),
      j.prompt,
    ).toEqual(Array(wanted.get(j.prompt)).fill("STORED"));
  }

  // One submit per job: the sandbox holds exactly one request record for each prompt.
  const prompts = submittedPrompts(dataDir);
  expect(prompts.sort()).toEqual([...wanted.keys()].sort());

  // Each job's links expired (every output met an expired link) and its status was read again.
  const ids = requestIds(dataDir);
  let rereads = 0;
  for (const [prompt, n] of wanted) {
    const stats = await requestStats(page, studio.url, ids.get(prompt)!);
    expect(stats.expiredLinks, prompt).toBeGreaterThanOrEqual(n);
    expect(stats.linkSets, prompt).toBeGreaterThanOrEqual(2);
    rereads += stats.linkSets - 1;
  }
  // And every stored file came from a fresh link (set 1 or later), after at least two tries.
  const db = new Database(path.join(dataDir, "studio.db"), { readonly: true });
  const rows = db.prepare(`SELECT "sourceUrl", "attempts" FROM "Output"`).all() as {
    sourceUrl: string;
    attempts: number;
  }[];
  db.close();
  expect(rows).toHaveLength(total);
  for (const r of rows) {
    expect(r.sourceUrl).toMatch(/\?link=[1-9]\d*$/);
    expect(r.attempts).toBeGreaterThanOrEqual(2);
  }
  console.log(
    `[downloads] outputs recovered after expired links: ${stored} of ${total}; jobs ${all.length}, gateway submits ${prompts.length}; status re-reads for fresh links ${rereads}`,
  );
});

test("an output given up on can be fetched again, without sending its job again", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const dataDir = tempDir("studio-fetch-again-");
  const studio = await startStudio({
    port: freePort(),
    dataDir,
    env: { SANDBOX_SPEED: "3", DOWNLOAD_GIVE_UP_AFTER_MS: "4000" },
  });
  procs.push(studio);
  await page.goto(studio.url);
  const prompt = "lost for good [sandbox:media=404]";
  await captureGenerate(page, prompt);
  const job = new StudioPage(page).job(prompt);
  const fetchAgain = job.getByRole("button", { name: "Fetch again" });

  // While it keeps trying, the card says why the file is not saved yet.
  await expect(job.getByRole("alert")).toContainText("gone or expired", { timeout: 60_000 });
  await expect(fetchAgain).toBeVisible({ timeout: 60_000 });
  await expect(job.getByRole("alert")).toContainText("kept trying, with fresh links");
  await expect(job.getByText("Completed")).toBeVisible();
  const requestId = requestIds(dataDir).get(prompt)!;
  const before = await requestStats(page, studio.url, requestId);
  expect(before.linkSets).toBeGreaterThanOrEqual(2);

  await fetchAgain.click();
  await expect(fetchAgain).toBeHidden();
  await expect(job.getByText(/Saving…|Not saved yet/)).toBeVisible();
  await waitFor(
    async () => (await jobs(page, studio.url))[0]?.outputs[0]?.state === "PENDING",
    10_000,
    "the output pending again",
  );
  // The window runs out again (the link is gone for good), and the button comes back.
  await expect(fetchAgain).toBeVisible({ timeout: 60_000 });
  const after = await requestStats(page, studio.url, requestId);
  expect(after.linkSets).toBeGreaterThan(before.linkSets);
  const all = await jobs(page, studio.url);
  expect(all).toHaveLength(1);
  expect(all[0].state).toBe("COMPLETED");
  expect(submittedPrompts(dataDir)).toEqual([prompt]);
  console.log(
    `[downloads] fetch again: status re-reads ${before.linkSets - 1} before giving up, ${after.linkSets - before.linkSets} after Fetch again; gateway submits 1`,
  );
});
