// Everything a benchmark starts (processes, browsers, servers, temp folders) is registered in a
// scope and undone when the scope closes, in reverse order, even when the benchmark throws or the
// run is interrupted.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
const open = new Set<Scope>();

export class Scope {
  private undo: { what: string; fn: () => unknown }[] = [];

  defer(what: string, fn: () => unknown) {
    this.undo.push({ what, fn });
  }

  tempDir(prefix: string): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), `bench-${prefix}-`));
    this.defer(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  async close() {
    while (this.undo.length) {
      const { what, fn } = this.undo.pop()!;
      try {
        await fn();
      } catch (err) {
        console.warn(`[bench] cleanup "${what}" failed:`, (err as Error).message);
      }
    }
  }
}

export async function withScope<T>(fn: (scope: Scope) => Promise<T>): Promise<T> {
  const scope = new Scope();
  open.add(scope);
  try {
    return await fn(scope);
  } finally {
    await scope.close();
    open.delete(scope);
  }
}

/** For the runner's signal handlers. */
export async function closeAllScopes() {
  await Promise.all([...open].map((s) => s.close()));
}

/** SIGTERM to the child's process group, SIGKILL if it is still there after 5 s. */
export async function stopGroup(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const gone = new Promise<void>((r) => child.once("exit", () => r()));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 5000);
  await gone;
  clearTimeout(timer);
  signal("SIGKILL"); // anything the leader left behind in its group
}

/** A port the OS says is free now (not a guess from a range other test runs may share). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const CLEAN_ENV: Record<string, string> = {
  NODE_ENV: "production",
  ...Object.fromEntries(
    [
      "DATABASE_URL",
      "MEDIA_DIR",
      "MEDIA_STORE",
      "PUBLIC_BASE_URL",
      "PIXAZO_GATEWAY_URL",
      "SANDBOX_DIR",
      "STUDIO_PASSWORD",
      "SESSION_SECRET",
      "STUDIO_INSTANCE",
    ].map((k) => [k, ""]),
  ),
};

/**
 * The built studio (`npm start`'s server) on a data folder of its own: the same commands as
 * e2e/support/studio-process.ts, but the child is owned by the scope before it is waited on,
 * so a studio that never gets ready is stopped too.
 */
export async function startStudio(
  scope: Scope,
  opts: { dataDir?: string; env?: Record<string, string>; port?: number },
) {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? scope.tempDir("studio");
  // Blank values count as unset: the caller's shell must not point a bench at real data.
  const env: Record<string, string> = {
    ...CLEAN_ENV,
    DATA_DIR: dataDir,
    PORT: String(port),
    PIXAZO_API_KEY: "",
    ...opts.env,
  };
  if (env.DATABASE_URL) migrate(env);
  else freshDatabase(dataDir);
  const url = `http://127.0.0.1:${port}`;
  const proc = spawnOwned(
    scope,
    process.execPath,
    [
      path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
      "scripts/serve.ts",
      "-p",
      String(port),
      "-H",
      "127.0.0.1",
    ],
    { env },
  );
  await waitReady(`${url}/api/jobs`, proc);
  return { ...proc, url, port, dataDir };
}

export function migrate(env: Record<string, string>) {
  try {
    execFileSync(
      process.execPath,
      [path.join(ROOT, "node_modules/prisma/build/index.js"), "migrate", "deploy"],
      {
        cwd: ROOT,
        env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env },
        stdio: "pipe",
      },
    );
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`prisma migrate deploy failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}

let template: string | undefined;

/**
 * A data folder's SQLite database: a copy of one migrated once per run (the Prisma CLI takes a
 * few seconds per call), or the folder's own if it has one already.
 */
function freshDatabase(dataDir: string) {
  const target = path.join(dataDir, "studio.db");
  if (existsSync(target)) return;
  if (!template) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "bench-template-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    migrate({ ...CLEAN_ENV, DATA_DIR: dir });
    template = path.join(dir, "studio.db");
  }
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(template, target);
}

/** A standalone sandbox gateway (lib/sandbox/cli.ts); `allow` names studios it may call back. */
export async function startSandbox(
  scope: Scope,
  opts: { key: string; speed: number; allow?: string[]; dir?: string },
) {
  const port = await freePort();
  const dir = opts.dir ?? scope.tempDir("sandbox");
  const args = ["--conditions=react-server", "--import", "tsx", "lib/sandbox/cli.ts"];
  args.push("--port", String(port), "--dir", dir, "--key", opts.key, "--speed", String(opts.speed));
  for (const a of opts.allow ?? []) args.push("--allow", a);
  const url = `http://127.0.0.1:${port}`;
  const proc = spawnOwned(scope, process.execPath, args);
  await waitReady(`${url}/_sandbox/stats`, proc);
  return { ...proc, url, port, dir };
}

export async function waitReady(
  url: string,
  proc: { done: Promise<number>; logs: string[] },
  ms = 90_000,
) {
  let exited = false;
  void proc.done.then(() => (exited = true));
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (exited) throw new Error(`exited before it was ready:\n${proc.logs.join("").slice(-2000)}`);
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not ready at ${url} after ${ms / 1000} s:\n${proc.logs.join("").slice(-2000)}`);
}

/** Any other child (Next's own server, a helper script), in a process group of its own. */
export function spawnOwned(
  scope: Scope,
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): { child: ChildProcess; logs: string[]; done: Promise<number> } {
  const logs: string[] = [];
  const child = spawn(cmd, args, {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...opts.env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => logs.push(String(d)));
  child.stderr!.on("data", (d) => logs.push(String(d)));
  scope.defer(`stop ${cmd} ${args[0] ?? ""}`, () => stopGroup(child));
  const done = new Promise<number>((resolve) =>
    child.once("exit", (code, sig) => resolve(code ?? (sig ? 128 : 1))),
  );
  return { child, logs, done };
}

/** Runs a script of the studio's (server-only modules) to its end, under react-server. */
export async function runServerScript(
  scope: Scope,
  file: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 600_000,
): Promise<string> {
  const { child, logs, done } = spawnOwned(
    scope,
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", file, ...args],
    { env },
  );
  const timer = setTimeout(() => void stopGroup(child), timeoutMs);
  const code = await done;
  clearTimeout(timer);
  const out = logs.join("");
  if (code !== 0) throw new Error(`${path.basename(file)} exited ${code}: ${out.slice(-1500)}`);
  return out;
}

/** The production build's id; the studio benchmarks run the built app, never a dev server. */
export function requireBuild(): string {
  try {
    return readFileSync(path.join(ROOT, ".next/BUILD_ID"), "utf8").trim();
  } catch {
    throw new Error(
      "no production build in .next: run `npx next build` (or `npm run build`) first",
    );
  }
}
