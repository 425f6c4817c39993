// The tracker at 1,000 jobs in flight (quick: 300): the studio's RSS and CPU (its whole process group, from
// /proc) over 5 minutes (quick: 30 s) while its tracker follows 1,000 jobs on a standalone
// sandbox, against the same studio idle just before. No browser is open.
import path from "node:path";
import Database from "better-sqlite3";
import { KEY, reservePort, speedFor, startGatewayStudio } from "./support/gateway-studio";
import { IN_FLIGHT_CHILD } from "./support/in-flight-child";
import { sampleGroup } from "./support/proc-stats";
import { mb, sleep, type BenchOptions, type Row } from "./support/report";
import { requireBuild, runServerScript, startSandbox, withScope } from "./support/scope";

const RSS_LIMIT = 100 * 1024 * 1024;
const CPU_LIMIT = 0.1;

function statesIn(dataDir: string): Record<string, number> {
  const db = new Database(path.join(dataDir, "studio.db"), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare(`SELECT state, COUNT(*) AS n FROM "Job" GROUP BY state`).all() as {
      state: string;
      n: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  } finally {
    db.close();
  }
}

const statusReads = async (url: string) =>
  ((await (await fetch(`${url}/_sandbox/stats`)).json()) as { statusReads: number }).statusReads;

export async function run({ quick }: BenchOptions): Promise<Row[]> {
  requireBuild();
  const jobs = quick ? 300 : 1000;
  const idleSeconds = quick ? 10 : 60;
  const loadSeconds = quick ? 30 : 300;
  return withScope(async (scope) => {
    // Jobs that outlast the window, so all of them stay in flight throughout.
    const sandbox = await startSandbox(scope, { key: KEY, speed: speedFor(loadSeconds + 240) });
    const studio = await startGatewayStudio(scope, {
      port: (await reservePort()).port,
      gatewayUrl: sandbox.url,
      webhooks: false,
    });
    const pgid = studio.child.pid!;
    await sleep(3000);
    const idleWindow = sampleGroup(pgid);
    await sleep(idleSeconds * 1000);
    const idle = idleWindow.stop();

    const out = await runServerScript(scope, IN_FLIGHT_CHILD, [String(jobs)], {
      DATA_DIR: studio.dataDir,
      DATABASE_URL: "",
      PIXAZO_API_KEY: KEY,
      PIXAZO_GATEWAY_URL: sandbox.url,
    });
    const made = JSON.parse(
      out
        .split("\n")
        .find((l) => l.startsWith("RESULT "))!
        .slice(7),
    ) as { ms: number; retries: number };
    const reads0 = await statusReads(sandbox.url);
    const loadWindow = sampleGroup(pgid);
    await sleep(loadSeconds * 1000);
    const load = loadWindow.stop();
    const reads = (await statusReads(sandbox.url)) - reads0;
    const states = statesIn(studio.dataDir);
    const inFlight = (states.QUEUED ?? 0) + (states.PROCESSING ?? 0);

    const rssMore = load.rssMax - idle.rssMean;
    const rssOk = rssMore <= RSS_LIMIT;
    const cpuOk = load.cpuShare <= CPU_LIMIT;
    const common =
      `${inFlight} of ${jobs} still in flight at the end; ${reads} status reads ` +
      `(${(reads / load.seconds).toFixed(1)}/s, ${(reads / jobs).toFixed(1)} per job) over ${Math.round(load.seconds)} s; ` +
      `jobs stored in ${(made.ms / 1000).toFixed(1)} s (${made.retries} submits retried after network errors)`;
    return [
      {
        figure: `Tracker at ${jobs.toLocaleString("en-US")} in flight: server RSS`,
        measured: `+${mb(rssMore)} (peak ${mb(load.rssMax)}, end ${mb(load.rssLast)})`,
        baseline: `${mb(idle.rssMean)} idle`,
        ratio: load.rssMax / idle.rssMean,
        target: "≤ 100 MB more than idle",
        pass: rssOk && inFlight >= jobs * 0.99,
        note:
          `whole process group (tsx wrapper + server); ${common}` +
          (rssOk ? "" : `; MISSED: +${mb(rssMore)}`) +
          (inFlight >= jobs * 0.99
            ? ""
            : `; NOT A VALID RUN: jobs left flight early (${JSON.stringify(states)})`),
      },
      {
        figure: `Tracker at ${jobs.toLocaleString("en-US")} in flight: server CPU`,
        measured: `${(load.cpuShare * 100).toFixed(1)} % of one core`,
        baseline: `${(idle.cpuShare * 100).toFixed(1)} % idle`,
        ratio: idle.cpuShare > 0 ? load.cpuShare / idle.cpuShare : undefined,
        target: "≤ 10 % of one core",
        pass: cpuOk && inFlight >= jobs * 0.99,
        note:
          `${idleSeconds} s idle, then ${loadSeconds} s tracking` +
          (cpuOk ? "" : `; MISSED: ${(load.cpuShare * 100).toFixed(1)} %`),
      },
    ];
  });
}
