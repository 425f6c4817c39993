// Runs every benchmark in bench/ in turn and prints one table of figures:
//
//   npm run bench                  full counts (about half an hour)
//   npm run bench -- --quick       small counts, for CI (a few minutes)
//   npm run bench -- --only exports
//
// Each benchmark starts what it needs and cleans up after itself. Results also go to
// bench/results/<date>-<commit>.json and bench/results/latest.json.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { failedRow, type Bench, type Row } from "./support/report";
import { closeAllScopes } from "./support/scope";

const HERE = __dirname;
const RESULTS = path.join(HERE, "results");

function benchNames(): string[] {
  return readdirSync(HERE)
    .filter((f) => f.endsWith(".ts") && f !== "run.ts")
    .map((f) => f.slice(0, -3))
    .sort();
}

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { cwd: HERE, encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function table(rows: (Row & { bench: string })[]): string {
  const head = ["#", "Figure", "Measured", "Baseline", "Ratio", "Target", "Pass"];
  const body = rows.map((r, i) => [
    String(i + 1),
    r.figure,
    r.measured,
    r.baseline,
    r.ratio === undefined ? "–" : `${r.ratio.toFixed(2)}×`,
    r.target,
    r.pass === undefined ? "–" : r.pass ? "yes" : "NO",
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  const notes = rows.flatMap((r, i) => (r.note ? [`  [${i + 1}] ${r.note}`] : []));
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line), "", ...notes].join(
    "\n",
  );
}

async function main() {
  const { values } = parseArgs({
    options: { quick: { type: "boolean", default: false }, only: { type: "string" } },
  });
  const all = benchNames();
  if (values.only && !all.includes(values.only)) {
    console.error(`No benchmark "${values.only}". There are: ${all.join(", ")}`);
    process.exit(2);
  }
  const names = values.only ? [values.only] : all;
  const quick = values.quick!;
  const loadBefore = os.loadavg()[0];
  const rows: (Row & { bench: string })[] = [];
  const seconds: Record<string, number> = {};
  let broken = 0;

  for (const name of names) {
    const t0 = performance.now();
    console.log(`\n[bench] ${name}${quick ? " (quick)" : ""}`);
    try {
      const mod = (await import(path.join(HERE, `${name}.ts`))) as { run?: Bench };
      if (typeof mod.run !== "function") throw new Error("exports no run(opts)");
      for (const row of await mod.run({ quick })) rows.push({ bench: name, ...row });
    } catch (err) {
      broken++;
      console.error(`[bench] ${name} failed:`, err);
      rows.push({ bench: name, ...failedRow(name, "runs to the end", err) });
    }
    seconds[name] = Math.round((performance.now() - t0) / 100) / 10;
    console.log(`[bench] ${name} took ${seconds[name]} s`);
  }

  const commit = git(["rev-parse", "HEAD"]) || "unknown";
  const dirty = git(["status", "--porcelain"]) !== "";
  const cpus = os.cpus();
  const report = {
    date: new Date().toISOString(),
    commit,
    dirty,
    cores: cpus.length,
    cpu: cpus[0]?.model ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    // Other work on the machine moves raw times; ratios against same-run baselines move less.
    loadAverage: { start: round1(loadBefore), end: round1(os.loadavg()[0]) },
    quick,
    seconds,
    rows,
  };
  mkdirSync(RESULTS, { recursive: true });
  const stamp = report.date.slice(0, 16).replace(/:/g, "-");
  const file = path.join(RESULTS, `${stamp}-${commit.slice(0, 12)}${quick ? "-quick" : ""}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
  writeFileSync(path.join(RESULTS, "latest.json"), JSON.stringify(report, null, 2) + "\n");

  console.log(
    `\nHunyuan Studio benchmarks${quick ? " (quick)" : ""}: commit ${commit.slice(0, 12)}${dirty ? " + local changes" : ""}, ` +
      `${cpus.length} cores, ${report.memoryGb} GB, Node ${process.version}, ` +
      `load average ${report.loadAverage.start} → ${report.loadAverage.end}\n`,
  );
  console.log(table(rows));
  console.log(`\nWritten to ${path.relative(process.cwd(), file)} and bench/results/latest.json`);
  // A missed target is a finding; a benchmark that could not run is a failure.
  process.exitCode = broken ? 1 : 0;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n[bench] ${signal}: stopping everything started`);
    void closeAllScopes().finally(() => process.exit(130));
  });
}

main().catch(async (err) => {
  console.error(err);
  await closeAllScopes();
  process.exit(1);
});
