import "server-only";
// The sandbox gateway: a local server of the Pixazo protocol that makes real images and meshes.
// It is reached over HTTP like the real gateway (mounted at /sandbox by the studio, or run as
// its own process by lib/sandbox/serve.ts). State lives in files, and a request's state is a
// function of the time since it was accepted, so the sandbox survives restarts of its process.
import { randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import {
  MODELS,
  imageDimensions,
  modelByPath,
  type GatewayState,
  type ModelId,
} from "@/lib/gateway/models";
import { guardedFetch } from "@/lib/net/guarded-fetch";
import { makeImage, type ImageFormat } from "./image-maker";
import { makeMesh } from "./mesh-maker";
import { seedFromText } from "./prng";

export interface SandboxOptions {
  /** Folder for request records and made media. */
  dir: string;
  /** The key a caller must present in Ocp-Apim-Subscription-Key. */
  apiKey: string;
  /** Path prefix the sandbox is mounted under, e.g. "/sandbox" (or "" when standalone). */
  prefix: string;
  /** 1 = the normal few seconds; 10 = ten times faster. */
  speed: number;
  /** Fraction of status reads that answer 429, 500 or truncated JSON. */
  faultRate: number;
  /** Hosts the sandbox may fetch from although private (the studio serving input images). */
  allowHosts: string[];
  now?: () => number;
  random?: () => number;
}

type Fate = "COMPLETED" | "FAILED" | "ERROR";

interface RequestRecord {
  id: string;
  model: ModelId;
  params: Record<string, unknown>;
  createdAt: number;
  queuedMs: number;
  processingMs: number;
  fate: Fate;
  failMessage?: string;
  webhookUrl?: string;
  webhookDelivered?: boolean;
  /** Set once outputs exist (or making them failed). */
  outcome?: {
    state: Fate;
    error: string | null;
    files: string[];
    mediaType: string;
    finishedAt: number;
  };
}

const DIRECTIVE = /\[sandbox:([a-z0-9=_-]+)\]/gi;

/** Prompt directives let tests and curious designers ask the sandbox for a particular answer. */
function directives(params: Record<string, unknown>) {
  const text = `${params.prompt ?? ""} ${params.negative_prompt ?? ""}`;
  return Array.from(text.matchAll(DIRECTIVE), (m) => m[1].toLowerCase());
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

const EXT: Record<string, string> = { png: "png", jpeg: "jpg", webp: "webp", glb: "glb" };
const MIME: Record<string, string> = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
  glb: "model/gltf-binary",
};

export function createSandbox(opts: SandboxOptions) {
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const requestsDir = path.join(opts.dir, "requests");
  const mediaDir = path.join(opts.dir, "media");
  const making = new Map<string, Promise<void>>();
  const timers = new Map<string, NodeJS.Timeout>();
  const stats = {
    submits: 0,
    statusReads: 0,
    faults: 0,
    webhooks: 0,
    /** For each 429 sent on a status read: ms until that request was read again, and what was asked. */
    retryAfter: [] as { askedMs: number; waitedMs: number }[],
  };
  const last429 = new Map<string, { at: number; askedMs: number }>();

  async function save(rec: RequestRecord) {
    await fs.mkdir(requestsDir, { recursive: true });
    const file = path.join(requestsDir, `${rec.id}.json`);
    const tmp = `${file}.${randomUUID()}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(rec));
    await fs.rename(tmp, file);
  }

  async function load(id: string): Promise<RequestRecord | null> {
    if (!/^[a-z0-9-]+_[0-9a-f-]{36}$/.test(id)) return null;
    try {
      return JSON.parse(await fs.readFile(path.join(requestsDir, `${id}.json`), "utf8"));
    } catch {
      return null;
    }
  }

  function stateOf(rec: RequestRecord): GatewayState {
    const age = now() - rec.createdAt;
    if (age < rec.queuedMs) return "QUEUED";
    if (age < rec.queuedMs + rec.processingMs || !rec.outcome) return "PROCESSING";
    return rec.outcome.state;
  }

  async function makeOutputs(rec: RequestRecord): Promise<void> {
    const outDir = path.join(mediaDir, rec.id);
    await fs.mkdir(outDir, { recursive: true });
    const files: string[] = [];
    let mediaType = "application/octet-stream";
    try {
      if (rec.fate !== "COMPLETED") {
        rec.outcome = {
          state: rec.fate,
          error:
            rec.failMessage ??
            (rec.fate === "ERROR"
              ? "The model worker stopped unexpectedly (sandbox)."
              : "The model could not generate this request (sandbox)."),
          files,
          mediaType,
          finishedAt: now(),
        };
        return;
      }
      if (MODELS[rec.model].kind === "image") {
        const p = rec.params as {
          prompt: string;
          seed?: number;
          num_images: number;
          output_format: ImageFormat;
          image_size?: string;
          negative_prompt?: string;
        };
        const { width, height } = imageDimensions(rec.model, p.image_size);
        const seed = p.seed ?? seedFromText(p.prompt);
        for (let i = 0; i < p.num_images; i++) {
          const bytes = await makeImage({
            prompt: p.prompt,
            seed,
            width,
            height,
            format: p.output_format,
            index: i,
            negativePrompt: p.negative_prompt,
          });
          const name = `output-${i}.${EXT[p.output_format]}`;
          await writeAtomic(path.join(outDir, name), bytes);
          files.push(name);
        }
      } else {
        const p = rec.params as { input_image_url: string; prompt: string; face_count: number };
        let image: Buffer;
        try {
          const res = await guardedFetch(p.input_image_url, {
            timeoutMs: 30_000,
            maxBytes: 25 * 1024 * 1024,
            allowHosts: opts.allowHosts,
          });
          if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
          image = res.body;
        } catch (err) {
          rec.outcome = {
            state: "FAILED",
            error: `Could not download the input image: ${(err as Error).message}`,
            files,
            mediaType,
            finishedAt: now(),
          };
          return;
        }
        const glb = await makeMesh({
          image,
          faceCount: p.face_count,
          prompt: p.prompt,
          seed: seedFromText(p.input_image_url),
        });
        // On request, a file that starts like a GLB but breaks further in, as a bad upstream might.
        const bytes = directives(rec.params).includes("mesh=corrupt")
          ? Buffer.concat([Buffer.from(glb.subarray(0, 20)), Buffer.alloc(4096, 0x5a)])
          : Buffer.from(glb);
        await writeAtomic(path.join(outDir, "output-0.glb"), bytes);
        files.push("output-0.glb");
      }
      rec.outcome = { state: "COMPLETED", error: null, files, mediaType, finishedAt: now() };
    } catch (err) {
      rec.outcome = {
        state: "FAILED",
        error: `The model could not make this request: ${(err as Error).message}`,
        files,
        mediaType,
        finishedAt: now(),
      };
    } finally {
      await save(rec);
    }
  }

  /** Starts making outputs once processing begins; idempotent across reads and restarts. */
  function ensureMaking(rec: RequestRecord) {
    if (rec.outcome || making.has(rec.id)) return;
    if (now() - rec.createdAt < rec.queuedMs) return;
    const p = makeOutputs(rec)
      .catch((err) => console.error("[sandbox] making outputs failed", rec.id, err))
      .finally(() => making.delete(rec.id));
    making.set(rec.id, p);
  }

  function statusBody(rec: RequestRecord, origin: string) {
    const state = stateOf(rec);
    const terminal = state === "COMPLETED" || state === "FAILED" || state === "ERROR";
    const sync = rec.params.sync_mode === true;
    let output: { media_url: string[]; media_type: string } | null = null;
    if (state === "COMPLETED" && rec.outcome) {
      output = {
        media_url: rec.outcome.files.map((f) =>
          sync
            ? ""
            : `${origin}${opts.prefix}/media/v1/${rec.id}/${f.replace(/\.[a-z]+$/, ".ext")}`,
        ),
        media_type: rec.outcome.mediaType,
      };
    }
    return {
      request_id: rec.id,
      status: state,
      model_id: rec.model,
      error: terminal && state !== "COMPLETED" ? (rec.outcome?.error ?? null) : null,
      output,
      created_at: new Date(rec.createdAt).toISOString(),
      updated_at: new Date(terminal && rec.outcome ? rec.outcome.finishedAt : now()).toISOString(),
      completed_at: terminal && rec.outcome ? new Date(rec.outcome.finishedAt).toISOString() : null,
    };
  }

  async function withSyncData(rec: RequestRecord, body: ReturnType<typeof statusBody>) {
    if (!body.output || rec.params.sync_mode !== true || !rec.outcome) return body;
    const urls = await Promise.all(
      rec.outcome.files.map(async (f) => {
        const bytes = await fs.readFile(path.join(mediaDir, rec.id, f));
        const fmt = f.endsWith(".jpg") ? "jpeg" : f.split(".").pop()!;
        return `data:${MIME[fmt] ?? "application/octet-stream"};base64,${bytes.toString("base64")}`;
      }),
    );
    return { ...body, output: { ...body.output, media_url: urls } };
  }

  /** Delivers the webhook once the request is terminal; survives restarts through `resume`. */
  function scheduleWebhook(rec: RequestRecord, origin: string) {
    if (!rec.webhookUrl || rec.webhookDelivered || timers.has(rec.id)) return;
    const tick = async () => {
      timers.delete(rec.id);
      const fresh = (await load(rec.id)) ?? rec;
      ensureMaking(fresh);
      await making.get(fresh.id);
      const latest = (await load(rec.id)) ?? fresh;
      const state = stateOf(latest);
      if (state === "QUEUED" || state === "PROCESSING") {
        timers.set(rec.id, setTimeout(tick, 250));
        return;
      }
      const body = await withSyncData(latest, statusBody(latest, origin));
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          const res = await guardedFetch(latest.webhookUrl!, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
            timeoutMs: 10_000,
            maxBytes: 64 * 1024,
            allowHosts: opts.allowHosts,
          });
          stats.webhooks++;
          if (res.status < 500) break;
        } catch (err) {
          console.warn("[sandbox] webhook delivery failed", latest.id, (err as Error).message);
        }
        await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
      }
      latest.webhookDelivered = true;
      await save(latest);
    };
    timers.set(
      rec.id,
      setTimeout(tick, Math.max(0, rec.createdAt + rec.queuedMs + rec.processingMs - now())),
    );
  }

  async function submit(req: Request, model: ModelId, origin: string): Promise<Response> {
    let raw: unknown;
    try {
      raw = await req.json();
    } catch {
      return json(400, { error: "Bad Request", message: "The request body is not valid JSON." });
    }
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      return json(400, {
        error: "Bad Request",
        message: "The request body must be a JSON object.",
      });
    }
    const parsed = MODELS[model].params.safeParse(raw);
    if (!parsed.success) {
      const message = parsed.error.issues
        .map((i) => `${i.path.join(".") || "body"}: ${i.message}`)
        .join("; ");
      return json(400, { error: "Validation error", message });
    }
    const params = parsed.data as Record<string, unknown>;
    const wants = directives(params);
    const code = wants.map((d) => /^fail=(\d{3})$/.exec(d)?.[1]).find(Boolean);
    if (code) return refusal(Number(code), model);
    stats.submits++;
    const speed = opts.speed;
    const kind = MODELS[model].kind;
    const images = typeof params.num_images === "number" ? params.num_images : 1;
    const rec: RequestRecord = {
      id: `${model}_${randomUUID()}`,
      model,
      params,
      createdAt: now(),
      queuedMs: Math.round(1200 / speed),
      processingMs:
        Math.round((kind === "mesh" ? 4000 : 2000 + 400 * images) / speed) *
        (wants.includes("slow") ? 5 : 1),
      fate: wants.includes("fail=failed")
        ? "FAILED"
        : wants.includes("fail=error")
          ? "ERROR"
          : "COMPLETED",
      failMessage: wants.includes("fail=failed")
        ? "The safety checker flagged this prompt (sandbox)."
        : wants.includes("fail=error")
          ? "The GPU worker ran out of memory (sandbox)."
          : undefined,
      webhookUrl: req.headers.get("x-webhook-url") ?? undefined,
    };
    await save(rec);
    scheduleWebhook(rec, origin);
    return json(202, {
      request_id: rec.id,
      status: "QUEUED",
      polling_url: `${origin}${opts.prefix}/v2/requests/status/${rec.id}`,
    });
  }

  function refusal(code: number, model: ModelId): Response {
    const bodies: Record<number, { error: string; message: string }> = {
      400: { error: "Model not found", message: `Model '${model}' not found or is disabled` },
      401: { error: "Unauthorized", message: "Access denied due to invalid subscription key." },
      402: { error: "Insufficient Balance", message: "Your wallet does not have enough balance." },
      403: { error: "Forbidden", message: "Your subscription does not include this model." },
      404: { error: "Not Found", message: "The requested resource was not found." },
      429: { error: "Too Many Requests", message: "Rate limit exceeded. Try again later." },
      500: { error: "Internal Server Error", message: "The queue service failed unexpectedly." },
    };
    const body = bodies[code] ?? { error: "Error", message: `Sandbox error ${code}` };
    return json(code, body, code === 429 ? { "retry-after": "2" } : {});
  }

  async function status(id: string, origin: string): Promise<Response> {
    stats.statusReads++;
    const pending429 = last429.get(id);
    if (pending429) {
      last429.delete(id);
      stats.retryAfter.push({ askedMs: pending429.askedMs, waitedMs: now() - pending429.at });
    }
    const rec = await load(id);
    if (!rec) return json(404, { error: "Not Found", message: `Request '${id}' not found` });
    if (opts.faultRate > 0 && random() < opts.faultRate) {
      stats.faults++;
      const pick = Math.floor(random() * 3);
      if (pick === 0) {
        last429.set(id, { at: now(), askedMs: 2000 });
        return json(
          429,
          { error: "Too Many Requests", message: "Rate limit exceeded." },
          { "retry-after": "2" },
        );
      }
      if (pick === 1)
        return json(500, { error: "Internal Server Error", message: "Status store unavailable." });
      const full = JSON.stringify(statusBody(rec, origin));
      return new Response(full.slice(0, Math.floor(full.length / 2)), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }
    ensureMaking(rec);
    scheduleWebhook(rec, origin);
    return json(200, await withSyncData(rec, statusBody(rec, origin)));
  }

  async function media(id: string, file: string): Promise<Response> {
    const rec = await load(id);
    const m = /^output-(\d)\.ext$/.exec(file);
    if (!rec?.outcome || !m || rec.params.sync_mode === true) {
      return new Response("Not found", { status: 404 });
    }
    const name = rec.outcome.files[Number(m[1])];
    if (!name) return new Response("Not found", { status: 404 });
    // Links that expired (404) or a CDN that keeps failing (500), on request.
    const wants = directives(rec.params);
    if (wants.includes("media=404")) return new Response("Not found", { status: 404 });
    if (wants.includes("media=500")) return new Response("Upstream error", { status: 500 });
    const bytes = await fs.readFile(path.join(mediaDir, id, name));
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        "content-type": "application/octet-stream",
        "content-length": String(bytes.length),
      },
    });
  }

  async function handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const origin = url.origin;
    if (!url.pathname.startsWith(opts.prefix))
      return json(404, { error: "Not Found", message: "Unknown path." });
    const rest = url.pathname.slice(opts.prefix.length) || "/";
    try {
      const mediaMatch = /^\/media\/v1\/([^/]+)\/([^/]+)$/.exec(rest);
      if (req.method === "GET" && mediaMatch) return await media(mediaMatch[1], mediaMatch[2]);
      if (rest === "/_sandbox/stats" && req.method === "GET") return json(200, stats);

      if (req.headers.get("ocp-apim-subscription-key") !== opts.apiKey) {
        return json(401, {
          error: "Unauthorized",
          message: "Access denied due to missing or invalid subscription key.",
        });
      }
      const statusMatch = /^\/v2\/requests\/status\/([^/]+)$/.exec(rest);
      if (statusMatch) {
        if (req.method !== "GET")
          return json(405, { error: "Method Not Allowed", message: "Use GET." });
        return await status(decodeURIComponent(statusMatch[1]), origin);
      }
      const model = modelByPath(rest);
      if (req.method === "POST") {
        if (!model) {
          const name = rest.split("/").filter(Boolean)[0] ?? "";
          return json(400, {
            error: "Model not found",
            message: `Model '${name}' not found or is disabled`,
          });
        }
        return await submit(req, model.id, origin);
      }
      return json(404, { error: "Not Found", message: "Unknown path." });
    } catch (err) {
      console.error("[sandbox] internal error", err);
      return json(500, {
        error: "Internal Server Error",
        message: "The sandbox failed unexpectedly.",
      });
    }
  }

  /** After a restart: deliver webhooks that were still due. */
  async function resume(origin: string) {
    let names: string[] = [];
    try {
      names = await fs.readdir(requestsDir);
    } catch {
      return;
    }
    for (const name of names) {
      if (!name.endsWith(".json")) continue;
      const rec = await load(name.slice(0, -5));
      if (rec?.webhookUrl && !rec.webhookDelivered) scheduleWebhook(rec, origin);
    }
  }

  return { handle, resume, stats };
}

async function writeAtomic(file: string, bytes: Buffer) {
  const tmp = `${file}.${randomUUID()}.tmp`;
  await fs.writeFile(tmp, bytes);
  await fs.rename(tmp, file);
}
