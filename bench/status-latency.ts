// Status latency: from the sandbox gateway marking a job COMPLETED to its image being visible in
// the gallery (Chromium), with webhooks on and off. The baseline, in the same run against the same
// sandbox, is the reference's own workflow: poll every 5–10 s, then download the image.
import type { Browser } from "@playwright/test";
import { MODELS } from "../lib/gateway/models";
import { launchChromium, listJobs } from "./support/browser";
import {
  completedAt,
  imageJob,
  storedAt,
  KEY,
  openSession,
  reservePort,
  speedFor,
  startGatewayStudio,
  submit,
} from "./support/gateway-studio";
import {
  median,
  p95,
  ratioOf,
  sec,
  sleep,
  waitFor,
  type BenchOptions,
  type Row,
} from "./support/report";
import { requireBuild, startSandbox, stopGroup, withScope } from "./support/scope";

const JOB_SECONDS = 4;
/**
 * Jobs run before measuring, not counted: the studio then has a history for the model, as a
 * designer's studio does, and reads each job's status when its model's jobs are usually done.
 */
const WARM_UP_JOBS = 3;
/** Between jobs sent: the tracker sees a steady stream rather than one burst. */
const GAP_MS = 400;
const QUEUED_MS = 1200 / speedFor(JOB_SECONDS);

declare global {
  interface Window {
    benchSeen?: Record<string, number>;
  }
}

/**
 * In the page: the wall-clock time each job's image (alt = its prompt) had loaded. A string, not
 * a function: tsx's transform adds helpers to functions that do not exist in the page.
 */
const RECORD_IMAGES = `(() => {
  const seen = (window.benchSeen = {});
  const check = () => {
    for (const img of document.querySelectorAll("article img")) {
      if (img.alt && !(img.alt in seen) && img.complete && img.naturalWidth > 0 && img.src.includes("/media/")) {
        seen[img.alt] = Date.now();
      }
    }
  };
  document.addEventListener("load", check, true);
  setInterval(check, 20);
})();`;

type Latencies = Awaited<ReturnType<typeof studioLatencies>>;

/** Jobs through the studio, one every `gapMs`; the latency of each as the page saw it. */
async function studioLatencies(
  browser: Browser,
  { url, dataDir }: { url: string; dataDir: string },
  sandboxDir: string,
  tag: string,
  jobs: number,
) {
  const prompts = Array.from({ length: jobs }, (_, i) => `latency ${tag} ${i}`);
  const warm = Array.from({ length: WARM_UP_JOBS }, (_, i) => `warm-up ${tag} ${i}`);
  const session = await openSession(browser, url, warm[0], {
    viewport: { width: 1600, height: 2800 }, // every card on screen, so no image waits on lazy loading
    before: RECORD_IMAGES,
  });
  try {
    const page = session.pages[0];
    for (const prompt of warm.slice(1)) await submit(session, prompt);
    await waitFor(
      async () => {
        const s = await page.evaluate(() => window.benchSeen ?? {});
        return warm.every((p) => p in s);
      },
      120_000,
      `${WARM_UP_JOBS} warm-up images (${tag})`,
      500,
    );
    // The first through the form, so the page follows it and learns of the rest as they come.
    await page.getByRole("textbox", { name: "Prompt", exact: true }).fill(prompts[0]);
    await page.getByRole("button", { name: "Generate" }).click();
    for (const prompt of prompts.slice(1)) {
      await sleep(GAP_MS);
      await submit(session, prompt);
    }
    const seen = await waitFor(
      async () => {
        const s = await page.evaluate(() => window.benchSeen ?? {});
        return prompts.every((p) => p in s) && s;
      },
      120_000,
      `${jobs} images in the gallery (${tag})`,
      500,
    );
    const marks = completedAt(sandboxDir);
    const learnt = new Map(
      (await listJobs(session.context.request, url)).map((j) => [
        j.prompt,
        Date.parse(j.finishedAt ?? ""),
      ]),
    );
    const saved = storedAt(dataDir);
    const total: number[] = [];
    const learn: number[] = [];
    const save: number[] = [];
    for (const p of prompts) {
      const mark = marks.get(p);
      if (!mark) throw new Error(`the sandbox has no completed request for "${p}"`);
      total.push(seen[p] - mark.at);
      learn.push((learnt.get(p) ?? NaN) - mark.at);
      save.push((saved.get(p) ?? NaN) - mark.at);
    }
    return { total, learn, save };
  } finally {
    await session.context.close();
  }
}

/** The reference's workflow against the same sandbox: poll every 5–10 s, download when done. */
async function referenceLatencies(sandboxUrl: string, sandboxDir: string, jobs: number) {
  const headers = { "ocp-apim-subscription-key": KEY, "content-type": "application/json" };
  const one = async (i: number) => {
    const prompt = `latency reference ${i}`;
    await sleep(i * GAP_MS);
    const res = await fetch(`${sandboxUrl}${MODELS["hunyuan-image"].path}`, {
      method: "POST",
      headers,
      body: JSON.stringify(imageJob(prompt)),
    });
    const { request_id } = (await res.json()) as { request_id: string };
    const sentAt = Date.now();
    // The sandbox starts making outputs at the first read after the queue; a real gateway does
    // not wait to be asked. One read then, not counted as the reference's, keeps that fair.
    await sleep(QUEUED_MS + 100);
    await fetch(`${sandboxUrl}/v2/requests/status/${request_id}`, { headers });
    let next = sentAt;
    for (;;) {
      next += 5000 + Math.random() * 5000;
      await sleep(next - Date.now());
      const status = await fetch(`${sandboxUrl}/v2/requests/status/${request_id}`, { headers });
      const body = (await status.json()) as { status: string; output?: { media_url: string[] } };
      if (body.status !== "COMPLETED" || !body.output) continue;
      await (await fetch(body.output.media_url[0])).arrayBuffer();
      return { prompt, at: Date.now() };
    }
  };
  const seen = await Promise.all(Array.from({ length: jobs }, (_, i) => one(i)));
  const marks = completedAt(sandboxDir);
  return seen.map((s) => s.at - marks.get(s.prompt)!.at);
}

function row(mode: string, target: number, studio: Latencies, ref: number[]): Row {
  const lat = studio.total;
  const m = median(lat);
  const ok = m <= target;
  return {
    figure: `Status latency, ${mode} (${lat.length} jobs)`,
    measured: `median ${sec(m)}, p95 ${sec(p95(lat))}`,
    baseline: `median ${sec(median(ref))}, p95 ${sec(p95(ref))} polling 5–10 s`,
    ratio: ratioOf(m, median(ref)),
    target: `median ≤ ${target / 1000} s`,
    pass: ok,
    note:
      `sandbox COMPLETED → image loaded in the gallery; medians from COMPLETED: studio learns ${sec(median(studio.learn))}, ` +
      `image saved ${sec(median(studio.save))}, shown ${sec(m)}; ${JOB_SECONDS} s jobs, one sent every ${GAP_MS / 1000} s, after ${WARM_UP_JOBS} warm-up jobs` +
      (ok ? "" : `; MISSED: median ${sec(m)} > ${target / 1000} s`),
  };
}

export async function run({ quick }: BenchOptions): Promise<Row[]> {
  requireBuild();
  // The generate action allows 30 a minute per client, warm-up jobs included.
  const jobs = quick ? 10 : 25;
  return withScope(async (scope) => {
    const browser = await launchChromium(scope);
    const on = await reservePort();
    const sandbox = await startSandbox(scope, {
      key: KEY,
      speed: speedFor(JOB_SECONDS),
      allow: [on.host],
    });
    const reference = referenceLatencies(sandbox.url, sandbox.dir, jobs);
    reference.catch(() => undefined);
    const measure = async (webhooks: boolean) => {
      const port = webhooks ? on.port : (await reservePort()).port;
      const studio = await startGatewayStudio(scope, { port, gatewayUrl: sandbox.url, webhooks });
      const tag = webhooks ? "webhooks" : "polling";
      const latencies = await studioLatencies(browser, studio, sandbox.dir, tag, jobs);
      await stopGroup(studio.child);
      return latencies;
    };
    // Quick runs both studios at once (to save time, at some cost in contention); the full run
    // measures one at a time.
    const [polling, webhooks] = quick
      ? await Promise.all([measure(false), measure(true)])
      : [await measure(false), await measure(true)];
    const ref = await reference;
    const rows = [row("webhooks on", 500, webhooks, ref), row("polling only", 2500, polling, ref)];
    if (quick) for (const r of rows) r.note += "; quick: both studios ran at once";
    return rows;
  });
}
