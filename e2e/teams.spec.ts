// A team's studio: two processes on one PostgreSQL server and one S3-compatible bucket behind one
// address. 50 jobs go in through both; one process is killed mid-way; every job still completes
// exactly once, with its outputs in the bucket, and the in-flight limit holds across processes.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test, expect } from "@playwright/test";
import { startPostgresServer, type PostgresServer } from "../lib/db/test-postgres-server";
import { startS3rver, type S3rverProcess } from "../lib/media/store/s3rver-process";
import { captureGenerate } from "./support/actions";
import { freePort, startSandbox, startStudio, tempDir, type Proc } from "./support/studio-process";

const KEY = "pxz-team-0123456789abcdef";
const PASSWORD = "team studio password";
const JOBS = 50;
const MAX_IN_FLIGHT = 6;

type Job = {
  id: string;
  prompt: string;
  state: string;
  submittedAt: string | null;
  finishedAt: string | null;
  outputs: { state: string; url: string | null }[];
};

/** One address in front of both studios: each request goes to the next live one. */
function balancer(backends: () => string[]) {
  let turn = 0;
  const server = http.createServer((req, res) => {
    const live = backends();
    const target = new URL(live[turn++ % live.length]);
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    upstream.on("error", () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  return new Promise<{ url: string; close: () => void }>((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => server.close(),
      }),
    ),
  );
}

let pg: PostgresServer;
let s3: S3rverProcess;
const procs: Proc[] = [];

test.afterAll(async () => {
  await Promise.all(procs.map((p) => p.kill("SIGKILL")));
  await s3?.stop();
  await pg?.stop();
});

test("two studios on one PostgreSQL and one bucket: 50 jobs, one process killed, each job done exactly once", async ({
  page,
}) => {
  test.setTimeout(600_000);
  [pg, s3] = await Promise.all([startPostgresServer(), startS3rver(["team"])]);
  const sandboxDir = tempDir("sandbox-team-");
  const sandboxPort = freePort();
  const ports = [freePort(), freePort()];
  const alive = new Set(ports);
  const front = await balancer(() => [...alive].map((p) => `http://127.0.0.1:${p}`));
  const sandbox = await startSandbox({
    port: sandboxPort,
    dir: sandboxDir,
    key: KEY,
    speed: 2,
    allow: [new URL(front.url).host],
  });
  procs.push(sandbox);
  const env = {
    PIXAZO_API_KEY: KEY,
    PIXAZO_GATEWAY_URL: `http://127.0.0.1:${sandboxPort}`,
    PUBLIC_BASE_URL: front.url,
    STUDIO_PASSWORD: PASSWORD,
    SESSION_SECRET: "a-shared-session-secret-of-at-least-32-chars",
    DATABASE_URL: pg.url,
    MEDIA_STORE: "s3://team/studio",
    S3_ENDPOINT: s3.endpoint,
    S3_FORCE_PATH_STYLE: "true",
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: "any",
    GATEWAY_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT),
    // As behind the balancer: each designer is their own address for the rate limits.
    TRUSTED_PROXY_HOPS: "1",
  };
  const [a, b] = await Promise.all(
    ports.map((port, i) => startStudio({ port, dataDir: tempDir(`studio-team-${i}-`), env })),
  );
  procs.push(a, b);

  // Signed in once, on A: the session lives in the shared database, so B accepts it too.
  await page.goto(`${a.url}/sign-in`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Generate" })).toBeVisible();
  const generate = await captureGenerate(page, "team job 0");
  const path_ = new URL(generate.url).pathname;
  for (let i = 1; i < JOBS; i++) {
    const base = i % 2 ? b.url : a.url;
    const res = await page.request.post(`${base}${path_}`, {
      headers: { ...generate.headers, "x-forwarded-for": `10.1.${i >> 8}.${i & 255}` },
      data: JSON.stringify([{ model: "hunyuan-image", prompt: `team job ${i}` }]),
      maxRedirects: 0,
    });
    expect(res.status(), await res.text()).toBe(200);
  }

  const list = async (base: string) => {
    const res = await page.request.get(`${base}/api/jobs?limit=200`);
    return ((await res.json()) as { jobs: Job[] }).jobs;
  };
  // Mid-way, A dies without a chance to clean up.
  await expect
    .poll(async () => (await list(b.url)).filter((j) => j.state === "COMPLETED").length, {
      timeout: 180_000,
    })
    .toBeGreaterThanOrEqual(10);
  alive.delete(ports[0]);
  await a.kill("SIGKILL");

  // B finishes everything, including what A had in hand (its leases run out).
  await expect
    .poll(
      async () => {
        const jobs = await list(b.url);
        return jobs.filter(
          (j) => j.state === "COMPLETED" && j.outputs.every((o) => o.state === "STORED"),
        ).length;
      },
      { timeout: 480_000, intervals: [2000] },
    )
    .toBe(JOBS);
  const jobs = await list(b.url);

  // Exactly once: one request at the gateway per job.
  const records = readdirSync(path.join(sandboxDir, "requests")).filter((f) => f.endsWith(".json"));
  const prompts = records.map((f) => {
    const rec = JSON.parse(readFileSync(path.join(sandboxDir, "requests", f), "utf8"));
    return String(rec.params?.prompt ?? rec.body?.prompt ?? "");
  });
  const duplicates = prompts.length - new Set(prompts).size;
  // Every output is in the bucket, served through the studio.
  let inBucket = 0;
  for (const j of jobs)
    for (const o of j.outputs)
      if ((await page.request.get(`${b.url}${o.url}`)).status() === 200) inBucket++;
  const outputs = jobs.reduce((n, j) => n + j.outputs.length, 0);
  // The in-flight limit across both processes, from the jobs' own timings.
  const edges = jobs.flatMap((j) => [
    { t: Date.parse(j.submittedAt!), d: 1 },
    { t: Date.parse(j.finishedAt!), d: -1 },
  ]);
  edges.sort((x, y) => x.t - y.t || x.d - y.d);
  let now = 0;
  let peak = 0;
  for (const e of edges) peak = Math.max(peak, (now += e.d));
  console.log(
    `[teams] ${JOBS} jobs through two processes, one SIGKILLed: ${records.length} gateway requests, ` +
      `${duplicates} duplicate submits, ${outputs - inBucket} lost outputs, peak in flight ${peak} (limit ${MAX_IN_FLIGHT})`,
  );
  expect(records.length).toBe(JOBS);
  expect(duplicates).toBe(0);
  expect(inBucket).toBe(outputs);
  expect(peak).toBeLessThanOrEqual(MAX_IN_FLIGHT);
  front.close();
});
