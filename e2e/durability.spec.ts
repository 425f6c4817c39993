// Jobs that survive anything: a studio killed with jobs in flight, a gateway that answers
// badly a fifth of the time, and forged callbacks. Each test starts its own studio processes.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { test, expect, type Page } from "@playwright/test";
import { captureGenerate, jobIdOf } from "./support/actions";
import { freePort, startSandbox, startStudio, tempDir, type Proc } from "./support/studio-process";

type Job = {
  id: string;
  state: string;
  prompt: string;
  error: string | null;
  outputs: { state: string; url: string | null }[];
};

async function jobs(page: Page, base: string): Promise<Job[]> {
  const res = await page.request.get(`${base}/api/jobs`);
  return ((await res.json()) as { jobs: Job[] }).jobs;
}

async function waitFor(check: () => Promise<boolean>, ms: number, what: string) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function allFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

const procs: Proc[] = [];
test.afterEach(async () => {
  await Promise.all(procs.splice(0).map((p) => p.kill("SIGKILL")));
});

test("SIGKILL with 20 jobs in flight: after a restart all 20 complete, each sent once, each output stored once", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const dataDir = tempDir("studio-kill-");
  const port = freePort();
  const env = { SANDBOX_SPEED: "0.35", GATEWAY_MAX_IN_FLIGHT: "20" };
  let studio = await startStudio({ port, dataDir, env });
  procs.push(studio);
  await page.goto(studio.url);
  const generate = await captureGenerate(page, "kill test 0");
  for (let i = 1; i < 20; i++) {
    const r = await generate.call({
      model: "hunyuan-image",
      prompt: `kill test ${i}`,
      image_size: "square",
    });
    expect(jobIdOf(r.text), r.text.slice(0, 300)).not.toBeNull();
  }
  await waitFor(
    async () =>
      (await jobs(page, studio.url)).filter((j) => j.state === "QUEUED" || j.state === "PROCESSING")
        .length === 20,
    60_000,
    "20 jobs in flight",
  );

  await studio.kill("SIGKILL");
  studio = await startStudio({ port, dataDir, env });
  procs.push(studio);

  await waitFor(
    async () => {
      const all = await jobs(page, studio.url);
      return (
        all.length === 20 &&
        all.every((j) => j.state === "COMPLETED" && j.outputs.every((o) => o.state === "STORED"))
      );
    },
    180_000,
    "all 20 jobs completed and stored",
  );
  const all = await jobs(page, studio.url);
  expect(all.map((j) => j.outputs.length)).toEqual(Array(20).fill(1));
  // The gateway saw exactly 20 submits: one request record each.
  const records = readdirSync(path.join(dataDir, "sandbox", "requests")).filter((f) =>
    f.endsWith(".json"),
  );
  expect(records).toHaveLength(20);
  // One original and one thumbnail per job, and no temporary file left behind.
  const media = allFiles(path.join(dataDir, "media"));
  expect(media.filter((f) => f.includes(`${path.sep}outputs${path.sep}`))).toHaveLength(20);
  expect(media.filter((f) => f.endsWith(".tmp"))).toEqual([]);
  console.log(
    `[figures] jobs recovered after SIGKILL: ${all.length}/20; gateway submits: ${records.length}`,
  );
});

test("with 20 % of status reads failing (429, 500, truncated JSON) every job reaches its true end state", async ({
  page,
}) => {
  test.setTimeout(300_000);
  // A gateway of its own, reached like the real one: no webhook (no PUBLIC_BASE_URL), so every
  // state change is learnt by polling through the faults.
  const key = "fault-test-key-0001";
  const sbPort = freePort();
  const gateway = await startSandbox({
    port: sbPort,
    dir: tempDir("sandbox-faults-"),
    key,
    speed: 0.7,
    faultRate: 0.2,
  });
  procs.push(gateway);
  const studio = await startStudio({
    port: freePort(),
    dataDir: tempDir("studio-faults-"),
    env: {
      PIXAZO_API_KEY: key,
      PIXAZO_GATEWAY_URL: gateway.url,
      STUDIO_PASSWORD: "fault-test-password",
      GATEWAY_MAX_IN_FLIGHT: "20",
    },
  });
  procs.push(studio);
  await page.goto(`${studio.url}/sign-in`);
  await page.getByLabel("Password").fill("fault-test-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const generate = await captureGenerate(page, "faults 0");
  const expected = new Map<string, string>([["faults 0", "COMPLETED"]]);
  for (let i = 1; i < 20; i++) {
    const fate = i % 7 === 3 ? "failed" : i % 7 === 5 ? "error" : null;
    const prompt = `faults ${i}${fate ? ` [sandbox:fail=${fate}]` : ""}`;
    expected.set(prompt, fate ? fate.toUpperCase() : "COMPLETED");
    const r = await generate.call({
      model: "hunyuan-image-3-0-instruct",
      prompt,
      image_size: "512x512",
    });
    expect(jobIdOf(r.text)).not.toBeNull();
  }
  await waitFor(
    async () =>
      (await jobs(page, studio.url)).every(
        (j) =>
          ["COMPLETED", "FAILED", "ERROR"].includes(j.state) &&
          j.outputs.every((o) => o.state === "STORED"),
      ),
    240_000,
    "every job terminal",
  );
  const all = await jobs(page, studio.url);
  let right = 0;
  for (const j of all) {
    expect(j.state, j.prompt).toBe(expected.get(j.prompt));
    if (j.state === expected.get(j.prompt)) right++;
    if (j.state === "ERROR") expect(j.error).toContain("not charged");
  }
  const stats = (await (await page.request.get(`${gateway.url}/_sandbox/stats`)).json()) as {
    statusReads: number;
    faults: number;
    retryAfter: { askedMs: number; waitedMs: number }[];
  };
  expect(stats.faults).toBeGreaterThan(0);
  for (const r of stats.retryAfter) expect(r.waitedMs).toBeGreaterThanOrEqual(r.askedMs - 50);
  const waits = stats.retryAfter.map((r) => r.waitedMs);
  console.log(
    `[figures] terminal-state accuracy under faults: ${right}/${all.length}; status reads ${stats.statusReads} (${(stats.statusReads / all.length).toFixed(1)} per job), faults ${stats.faults}; ` +
      `429s answered with Retry-After 2 s: ${waits.length}, next read after ${waits.length ? Math.min(...waits) : "–"}–${waits.length ? Math.max(...waits) : "–"} ms`,
  );
});

test("forged callbacks change nothing the gateway's own status does not confirm", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const dataDir = tempDir("studio-hooks-");
  const studio = await startStudio({ port: freePort(), dataDir, env: { SANDBOX_SPEED: "1" } });
  procs.push(studio);
  await page.goto(studio.url);
  await captureGenerate(page, "slow job [sandbox:slow]");
  await waitFor(
    async () =>
      (await jobs(page, studio.url)).some((j) => j.state === "QUEUED" || j.state === "PROCESSING"),
    30_000,
    "job sent",
  );
  const db = new Database(path.join(dataDir, "studio.db"), { readonly: true });
  const row = db.prepare(`SELECT id, webhookToken, requestId FROM "Job" LIMIT 1`).get() as {
    id: string;
    webhookToken: string;
    requestId: string;
  };
  db.close();

  const fake = {
    request_id: row.requestId,
    status: "COMPLETED",
    model_id: "hunyuan-image",
    error: null,
    output: { media_url: ["https://evil.example/x.png"], media_type: "image/png" },
  };
  const wrong = await page.request.post(`${studio.url}/api/webhooks/pixazo/${"A".repeat(43)}`, {
    data: fake,
  });
  expect(wrong.status()).toBe(404);
  for (let i = 0; i < 3; i++) {
    const res = await page.request.post(`${studio.url}/api/webhooks/pixazo/${row.webhookToken}`, {
      data: fake,
    });
    expect(res.status()).toBe(202);
  }
  await new Promise((r) => setTimeout(r, 2500));
  let job = (await jobs(page, studio.url)).find((j) => j.id === row.id)!;
  expect(["QUEUED", "PROCESSING"]).toContain(job.state);
  expect(job.outputs).toHaveLength(0);

  await waitFor(
    async () =>
      (await jobs(page, studio.url))
        .find((j) => j.id === row.id)!
        .outputs.some((o) => o.state === "STORED"),
    90_000,
    "real completion",
  );
  await page.request.post(`${studio.url}/api/webhooks/pixazo/${row.webhookToken}`, { data: fake });
  await new Promise((r) => setTimeout(r, 1500));
  job = (await jobs(page, studio.url)).find((j) => j.id === row.id)!;
  expect(job.state).toBe("COMPLETED");
  expect(job.outputs).toHaveLength(1);
  expect(job.outputs[0].url).toMatch(/^\/media\/outputs\//);
});

test("two studio processes sharing one database send each job once and leave none behind", async ({
  page,
}) => {
  test.setTimeout(240_000);
  // The gateway lives apart from both studios, as the real one does.
  const key = "pair-test-key-0001";
  const gateway = await startSandbox({
    port: freePort(),
    dir: tempDir("sandbox-pair-"),
    key,
    speed: 1,
  });
  procs.push(gateway);
  const dataDir = tempDir("studio-pair-");
  const env = {
    PIXAZO_API_KEY: key,
    PIXAZO_GATEWAY_URL: gateway.url,
    STUDIO_PASSWORD: "pair-test-password",
    GATEWAY_MAX_IN_FLIGHT: "6",
  };
  const a = await startStudio({ port: freePort(), dataDir, env });
  procs.push(a);
  const b = await startStudio({ port: freePort(), dataDir, env });
  procs.push(b);
  // Both share the data folder, so one session cookie (same host) is good for both.
  await page.goto(`${a.url}/sign-in`);
  await page.getByLabel("Password").fill("pair-test-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const generate = await captureGenerate(page, "pair 0");
  for (let i = 1; i < 12; i++) {
    const r = await generate.call({
      model: "hunyuan-image",
      prompt: `pair ${i}`,
      image_size: "square",
    });
    expect(jobIdOf(r.text)).not.toBeNull();
  }
  // One of the two dies mid-way; the other picks up its jobs when their leases run out.
  await new Promise((r) => setTimeout(r, 2500));
  await a.kill("SIGKILL");
  await waitFor(
    async () => {
      const all = await jobs(page, b.url);
      return (
        all.length === 12 &&
        all.every((j) => j.state === "COMPLETED" && j.outputs.every((o) => o.state === "STORED"))
      );
    },
    200_000,
    "all jobs completed by the surviving studio",
  );
  const stats = (await (await page.request.get(`${gateway.url}/_sandbox/stats`)).json()) as {
    submits: number;
  };
  expect(stats.submits).toBe(12);
  const db = new Database(path.join(dataDir, "studio.db"), { readonly: true });
  const distinct = db.prepare(`SELECT COUNT(DISTINCT "requestId") AS n FROM "Job"`).get() as {
    n: number;
  };
  db.close();
  expect(distinct.n).toBe(12);
});

test("past the in-flight limit jobs wait in the studio, showing their place, then run", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const studio = await startStudio({
    port: freePort(),
    dataDir: tempDir("studio-slots-"),
    env: { SANDBOX_SPEED: "0.5", GATEWAY_MAX_IN_FLIGHT: "1" },
  });
  procs.push(studio);
  await page.goto(studio.url);
  const generate = await captureGenerate(page, "slot 1");
  for (const prompt of ["slot 2", "slot 3"]) {
    expect(
      jobIdOf((await generate.call({ model: "hunyuan-image", prompt, image_size: "square" })).text),
    ).not.toBeNull();
  }
  const gallery = page.getByRole("region", { name: "Gallery" });
  await expect(gallery.getByRole("article").filter({ hasText: "slot 3" })).toContainText(
    "Waiting for a slot · place 2 in line",
  );
  await expect(gallery.getByRole("article").filter({ hasText: "slot 2" })).toContainText(
    "place 1 in line",
  );
  for (const prompt of ["slot 1", "slot 2", "slot 3"]) {
    await expect(
      gallery.getByRole("article").filter({ hasText: prompt }).getByText("Completed"),
    ).toBeVisible({ timeout: 90_000 });
  }
});

test("a bad setting stops start-up with a message that names it", async () => {
  const failure = await startStudio({
    port: freePort(),
    dataDir: tempDir("studio-badenv-"),
    env: { GATEWAY_MAX_IN_FLIGHT: "lots" },
  }).then(
    () => null,
    (err: Error) => err.message,
  );
  expect(failure).toContain("Invalid studio configuration");
  expect(failure).toContain("GATEWAY_MAX_IN_FLIGHT");
});
