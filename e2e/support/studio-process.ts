// Starts extra studio processes (and a standalone sandbox gateway) for tests that need to
// kill, restart or reconfigure the studio, each on its own port and data folder.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface Proc {
  url: string;
  logs: string[];
  child: ChildProcess;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

const ROOT = path.resolve(__dirname, "../..");
let nextPort = 3300 + Math.floor(Math.random() * 200);

export function freePort() {
  return nextPort++;
}

export function tempDir(prefix: string) {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

async function waitReady(url: string, child: ChildProcess, logs: string[], ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`process exited early:\n${logs.join("")}`);
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not ready at ${url}:\n${logs.join("")}`);
}

function launch(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  readyUrl: string,
): Promise<Proc> {
  const logs: string[] = [];
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => logs.push(String(d)));
  child.stderr!.on("data", (d) => logs.push(String(d)));
  const kill = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const done = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
    await done;
  };
  const origin = new URL(readyUrl).origin;
  return waitReady(readyUrl, child, logs).then(() => ({ url: origin, logs, child, kill }));
}

/** The built studio (`npm start`'s server) on a data folder of its own. */
export async function startStudio(opts: {
  port: number;
  dataDir: string;
  env?: Record<string, string>;
}) {
  const env = { DATA_DIR: opts.dataDir, PORT: String(opts.port), PIXAZO_API_KEY: "", ...opts.env };
  try {
    execFileSync(
      process.execPath,
      [path.join(ROOT, "node_modules/prisma/build/index.js"), "migrate", "deploy"],
      { cwd: ROOT, env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env }, stdio: "pipe" },
    );
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`migrate deploy failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
  return launch(
    process.execPath,
    [
      path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
      path.join(ROOT, "scripts/serve.ts"),
      "-p",
      String(opts.port),
      "-H",
      "127.0.0.1",
    ],
    env,
    `http://127.0.0.1:${opts.port}/api/jobs`,
  );
}

/** The sandbox gateway as its own process, as if it were the remote gateway. */
export async function startSandbox(opts: {
  port: number;
  dir: string;
  key: string;
  allow?: string[];
  speed?: number;
  faultRate?: number;
}) {
  const args = [
    "--conditions=react-server",
    "--import",
    "tsx",
    "lib/sandbox/cli.ts",
    "--port",
    String(opts.port),
    "--dir",
    opts.dir,
    "--key",
    opts.key,
    "--speed",
    String(opts.speed ?? 3),
    "--fault-rate",
    String(opts.faultRate ?? 0),
    ...(opts.allow ?? []).flatMap((a) => ["--allow", a]),
  ];
  return launch(process.execPath, args, {}, `http://127.0.0.1:${opts.port}/_sandbox/stats`);
}
