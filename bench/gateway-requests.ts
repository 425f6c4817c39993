// Gateway requests per job: what each job costs at the gateway (submits, status reads, media
// downloads), counted by a proxy in front of the sandbox, for jobs of 5 s, 30 s and 120 s
// (quick: 5 s), webhooks on and off, with 1 and 3 gallery tabs open.
import type { Browser } from "@playwright/test";
import { isSettled, launchChromium, listJobs } from "./support/browser";
import { startCountingProxy, type CountingProxy } from "./support/counting-proxy";
import {
  KEY,
  openSession,
  reservePort,
  speedFor,
  startGatewayStudio,
  submit,
} from "./support/gateway-studio";
import { mean, sleep, waitFor, type BenchOptions, type Row } from "./support/report";
import { requireBuild, startSandbox, stopGroup, withScope, type Scope } from "./support/scope";

interface PerJob {
  submits: number;
  statusReads: number[];
  downloads: number[];
  jobs: number;
}

/** Jobs with `tabs` gallery tabs open; counts for the requests this phase submitted. */
async function phase(
  browser: Browser,
  url: string,
  proxy: CountingProxy,
  tabs: number,
  tag: string,
  jobs: number,
  timeoutMs: number,
): Promise<PerJob> {
  const before = new Set(proxy.counts.keys());
  const submitsBefore = proxy.totals.submits;
  const session = await openSession(browser, url, `${tag} 0`, { tabs });
  try {
    for (let i = 1; i < jobs; i++) await submit(session, `${tag} ${i}`);
    await waitFor(
      async () => {
        const list = (await listJobs(session.context.request, url)).filter((j) =>
          j.prompt.startsWith(`${tag} `),
        );
        return list.length >= jobs && list.every(isSettled);
      },
      timeoutMs,
      `${tag}: every job saved`,
      1000,
    );
    await sleep(3000); // reads that would still follow a finished job
    const mine = [...proxy.counts.entries()].filter(([id, c]) => !before.has(id) && c.submits > 0);
    return {
      submits: proxy.totals.submits - submitsBefore,
      statusReads: mine.map(([, c]) => c.statusReads),
      downloads: mine.map(([, c]) => c.downloads),
      jobs,
    };
  } finally {
    await session.context.close();
  }
}

/**
 * One studio per webhook setting, side by side against one sandbox, each behind its own
 * counting proxy; on each, jobs with 1 tab open, then (once those are done) with 3.
 */
async function oneDuration(scope: Scope, browser: Browser, seconds: number, jobs: number) {
  // Each phase gets a studio of its own: a studio that has finished jobs of a model reads their
  // status when they are due, so a second phase in the same studio would read less for that
  // reason alone, not because of its tabs.
  const hooked = [await reservePort(), await reservePort()];
  const sandbox = await startSandbox(scope, {
    key: KEY,
    speed: speedFor(seconds),
    allow: hooked.map((h) => h.host),
  });
  const timeoutMs = seconds * 1000 + 120_000;
  return Promise.all(
    [false, true].map(async (webhooks) => {
      const tag = `requests ${seconds}s ${webhooks ? "hooks" : "polls"}`;
      const measure = async (tabs: number) => {
        const proxy = await startCountingProxy(scope, sandbox.url);
        const port = webhooks ? hooked[tabs === 1 ? 0 : 1].port : (await reservePort()).port;
        const studio = await startGatewayStudio(scope, { port, gatewayUrl: proxy.url, webhooks });
        const counts = await phase(
          browser,
          studio.url,
          proxy,
          tabs,
          `${tag} ${tabs}tab`,
          jobs,
          timeoutMs,
        );
        await stopGroup(studio.child);
        return counts;
      };
      return { webhooks, one: await measure(1), three: await measure(3) };
    }),
  );
}

function row(seconds: number, webhooks: boolean, one: PerJob, three: PerJob): Row {
  const reads1 = mean(one.statusReads);
  const reads3 = mean(three.statusReads);
  const limit = webhooks ? 2 : seconds / 5 + 2;
  const submitsOk = one.submits === one.jobs && three.submits === three.jobs;
  const readsOk = Math.max(...one.statusReads, ...three.statusReads) <= limit;
  const tabsOk = Math.abs(reads3 - reads1) <= 0.5;
  const misses = [
    submitsOk
      ? ""
      : `MISSED: ${one.submits}/${one.jobs} and ${three.submits}/${three.jobs} submits per job`,
    readsOk
      ? ""
      : `MISSED: up to ${Math.max(...one.statusReads, ...three.statusReads)} status reads for a job (limit ${limit})`,
    tabsOk
      ? ""
      : `MISSED: 3 tabs changed reads per job from ${reads1.toFixed(1)} to ${reads3.toFixed(1)}`,
  ].filter(Boolean);
  return {
    figure: `Gateway requests per job, ${seconds} s jobs, webhooks ${webhooks ? "on" : "off"}`,
    measured:
      `${(one.submits / one.jobs).toFixed(1)} submit, ${reads1.toFixed(1)} reads, ` +
      `${mean(one.downloads).toFixed(1)} downloads; 3 tabs: ${reads3.toFixed(1)} reads`,
    baseline: `1 tab; limit ${limit} reads`,
    ratio: reads1 > 0 ? reads3 / reads1 : undefined,
    target: `1 submit; ≤ ${limit} reads; tabs change nothing`,
    pass: submitsOk && readsOk && tabsOk,
    note: [
      ...misses,
      `reads per job ${one.statusReads.join("/")} (1 tab), ${three.statusReads.join("/")} (3 tabs); ${one.jobs} jobs per case`,
    ].join("; "),
  };
}

export async function run({ quick }: BenchOptions): Promise<Row[]> {
  requireBuild();
  const durations = quick ? [5] : [5, 30, 120];
  const jobs = quick ? 2 : 3;
  const rows: Row[] = [];
  for (const seconds of durations) {
    const results = await withScope(async (scope) => {
      const browser = await launchChromium(scope);
      return oneDuration(scope, browser, seconds, jobs);
    });
    for (const r of results) rows.push(row(seconds, r.webhooks, r.one, r.three));
  }
  return rows;
}
