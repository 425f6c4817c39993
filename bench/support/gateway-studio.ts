// A studio pointed at a standalone sandbox gateway as if it were Pixazo (a key, a password,
// webhooks on when PUBLIC_BASE_URL names the studio), a signed-in browser on it, and the
// sandbox's own record of when each request was marked COMPLETED.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { captureGenerate, jobIdOf, type CapturedAction } from "../../e2e/support/actions";
import { signIn } from "./browser";
import { freePort, startStudio, type Scope } from "./scope";

export const KEY = "bench-sandbox-key-00000001";
export const PASSWORD = "bench password, not secret";

/** Image jobs of 512×512, the quickest the sandbox makes; the duration comes from its speed. */
export const imageJob = (prompt: string) => ({
  model: "hunyuan-image",
  prompt,
  image_size: "square",
});

/** Sandbox speed for image jobs of `seconds` (lib/sandbox/records.ts: 1.2 s queued + 2.4 s work at speed 1). */
export const speedFor = (seconds: number) => 3.6 / seconds;

/** Ports are chosen first, so the sandbox can be told which studios may receive its webhooks. */
export async function reservePort() {
  const port = await freePort();
  return { port, host: `127.0.0.1:${port}` };
}

export function startGatewayStudio(
  scope: Scope,
  opts: { port: number; gatewayUrl: string; webhooks: boolean; env?: Record<string, string> },
) {
  return startStudio(scope, {
    port: opts.port,
    env: {
      PIXAZO_API_KEY: KEY,
      PIXAZO_GATEWAY_URL: opts.gatewayUrl,
      STUDIO_PASSWORD: PASSWORD,
      GATEWAY_MAX_IN_FLIGHT: "32",
      // Webhooks are asked for only when the gateway can reach the studio.
      ...(opts.webhooks ? { PUBLIC_BASE_URL: `http://127.0.0.1:${opts.port}` } : {}),
      ...opts.env,
    },
  });
}

export interface Session {
  context: BrowserContext;
  pages: Page[];
  generate: CapturedAction;
}

/**
 * Signs in, opens `tabs` gallery tabs, and creates the first job through the composer (which
 * captures the generate action for the rest). `before` runs in every page before its scripts.
 */
export async function openSession(
  browser: Browser,
  url: string,
  firstPrompt: string,
  opts: { tabs?: number; viewport?: { width: number; height: number }; before?: string } = {},
): Promise<Session> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1440, height: 960 },
  });
  if (opts.before) await context.addInitScript(opts.before);
  const first = await context.newPage();
  await signIn(first, url, PASSWORD);
  await first.getByRole("button", { name: "Generate" }).waitFor();
  const pages = [first];
  for (let i = 1; i < (opts.tabs ?? 1); i++) {
    const p = await context.newPage();
    await p.goto(`${url}/`);
    pages.push(p);
  }
  await first.bringToFront();
  const generate = await captureGenerate(first, firstPrompt);
  return { context, pages, generate };
}

export async function submit(session: Session, prompt: string): Promise<string> {
  const answer = await session.generate.call(imageJob(prompt));
  const id = jobIdOf(answer.text);
  if (!id)
    throw new Error(`generate refused "${prompt}": ${answer.status} ${answer.text.slice(0, 300)}`);
  return id;
}

interface SandboxRecord {
  id: string;
  params: { prompt?: string };
  createdAt: number;
  queuedMs: number;
  processingMs: number;
  outcome?: { state: string; finishedAt: number };
}

/**
 * When the sandbox marked each request COMPLETED, by prompt: the later of its scheduled end and
 * the moment its outputs existed (lib/sandbox/records.ts stateAt). Wall-clock milliseconds.
 */
export function completedAt(sandboxDir: string): Map<string, { requestId: string; at: number }> {
  const dir = path.join(sandboxDir, "requests");
  const out = new Map<string, { requestId: string; at: number }>();
  for (const f of readdirSync(dir)) {
    if (!f.endsWith(".json")) continue;
    let rec: SandboxRecord;
    try {
      rec = JSON.parse(readFileSync(path.join(dir, f), "utf8"));
    } catch {
      continue; // being written
    }
    if (rec.outcome?.state !== "COMPLETED" || typeof rec.params.prompt !== "string") continue;
    const at = Math.max(rec.createdAt + rec.queuedMs + rec.processingMs, rec.outcome.finishedAt);
    out.set(rec.params.prompt, { requestId: rec.id, at });
  }
  return out;
}

/**
 * When each job's first output was saved, by prompt, read from the studio's SQLite file (the
 * browser's API does not carry it). Empty when the schema has moved on.
 */
export function storedAt(dataDir: string): Map<string, number> {
  const out = new Map<string, number>();
  try {
    const db = new Database(path.join(dataDir, "studio.db"), {
      readonly: true,
      fileMustExist: true,
    });
    const rows = db
      .prepare(
        `SELECT j.prompt AS prompt, o.storedAt AS at FROM "Output" o JOIN "Job" j ON j.id = o.jobId WHERE o."index" = 0`,
      )
      .all() as { prompt: string; at: number | string | null }[];
    db.close();
    for (const r of rows)
      if (r.at !== null) out.set(r.prompt, typeof r.at === "number" ? r.at : Date.parse(r.at));
  } catch (err) {
    console.warn("[bench] could not read storedAt:", (err as Error).message);
  }
  return out;
}
