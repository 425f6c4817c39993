// The sandbox's HTTP face: the gateway's submit, status and media routes, plus /_sandbox/stats
// for tests (and /_sandbox/stats?request=<id> for one request). Status reads inject faults (429,
// 500, truncated JSON) at the configured rate.
import { MODELS, modelByPath, withDocumentedDefaults, type ModelId } from "@/lib/gateway/models";
import type { Outputs } from "./outputs";
import { planOf } from "./plan";
import { newRecord, type Records } from "./records";
import { statusBody } from "./status";
import type { Webhooks } from "./webhooks";

export interface SandboxStats {
  submits: number;
  statusReads: number;
  faults: number;
  webhooks: number;
  /** For each 429 sent on a status read: ms until that request was read again, and what was asked. */
  retryAfter: { askedMs: number; waitedMs: number }[];
}

/**
 * What one request saw since the sandbox started, for whoever knows its id. Kept in memory: a
 * restarted sandbox counts afresh, and its next expire-once links are a first set again.
 */
export interface RequestStats {
  statusReads: number;
  /** COMPLETED answers, each handing out a set of media links (expire-once numbers them). */
  linkSets: number;
  /** Media reads refused because their link had expired (expire-once's first set). */
  expiredLinks: number;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

const REFUSALS: Record<number, { error: string; message: string }> = {
  401: { error: "Unauthorized", message: "Access denied due to invalid subscription key." },
  402: { error: "Insufficient Balance", message: "Your wallet does not have enough balance." },
  403: { error: "Forbidden", message: "Your subscription does not include this model." },
  404: { error: "Not Found", message: "The requested resource was not found." },
  429: { error: "Too Many Requests", message: "Rate limit exceeded. Try again later." },
  500: { error: "Internal Server Error", message: "The queue service failed unexpectedly." },
};

/** The gateway's refusal of a submit, as a plan's `fail=NNN` asks for it. */
function refusal(code: number, model: ModelId): Response {
  const body =
    code === 400
      ? { error: "Model not found", message: `Model '${model}' not found or is disabled` }
      : (REFUSALS[code] ?? { error: "Error", message: `Sandbox error ${code}` });
  return json(code, body, code === 429 ? { "retry-after": "2" } : {});
}

export function createRoutes(deps: {
  prefix: string;
  apiKey: string;
  speed: number;
  faultRate: number;
  now: () => number;
  random: () => number;
  records: Records;
  outputs: Outputs;
  webhooks: Webhooks;
  stats: SandboxStats;
}) {
  const { prefix, records, outputs, webhooks, stats, now, random } = deps;
  const last429 = new Map<string, { at: number; askedMs: number }>();
  const perRequest = new Map<string, RequestStats>();
  const countsOf = (id: string) => {
    let c = perRequest.get(id);
    if (!c) perRequest.set(id, (c = { statusReads: 0, linkSets: 0, expiredLinks: 0 }));
    return c;
  };

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
    // Like the gateway, apply the reference's default to each optional field left out.
    const params = withDocumentedDefaults(model, parsed.data);
    const plan = planOf(params);
    if (plan.refuse !== null) return refusal(plan.refuse, model);
    stats.submits++;
    const rec = newRecord({
      model,
      params,
      plan,
      now: now(),
      speed: deps.speed,
      webhookUrl: req.headers.get("x-webhook-url") ?? undefined,
    });
    await records.save(rec);
    webhooks.schedule(rec, origin);
    return json(202, {
      request_id: rec.id,
      status: "QUEUED",
      polling_url: `${origin}${prefix}/v2/requests/status/${rec.id}`,
    });
  }

  async function status(id: string, origin: string): Promise<Response> {
    stats.statusReads++;
    const pending429 = last429.get(id);
    if (pending429) {
      last429.delete(id);
      stats.retryAfter.push({ askedMs: pending429.askedMs, waitedMs: now() - pending429.at });
    }
    const rec = await records.load(id);
    if (!rec) return json(404, { error: "Not Found", message: `Request '${id}' not found` });
    const counts = countsOf(id);
    counts.statusReads++;
    if (deps.faultRate > 0 && random() < deps.faultRate) {
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
      const full = JSON.stringify(statusBody(rec, now(), origin + prefix));
      return new Response(full.slice(0, Math.floor(full.length / 2)), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }
    void outputs.ensure(rec);
    webhooks.schedule(rec, origin);
    const body = statusBody(rec, now(), origin + prefix, counts.linkSets);
    if (body.output) counts.linkSets++;
    return json(200, await outputs.inline(rec, body));
  }

  async function media(id: string, file: string, link: string | null): Promise<Response> {
    const rec = await records.load(id);
    const m = /^output-(\d)\.ext$/.exec(file);
    if (!rec?.outcome || !m || rec.params.sync_mode === true) {
      return new Response("Not found", { status: 404 });
    }
    const name = rec.outcome.files[Number(m[1])];
    if (!name) return new Response("Not found", { status: 404 });
    // Links that expired (404) or a CDN that keeps failing (500), on request.
    if (rec.plan.media === 404) return new Response("Not found", { status: 404 });
    if (rec.plan.media === 500) return new Response("Upstream error", { status: 500 });
    // The first set of links (webhook bodies carry it too) has expired for good.
    if (rec.plan.media === "expire-once" && !(Number(link) >= 1)) {
      countsOf(id).expiredLinks++;
      return new Response("Link expired", { status: 403 });
    }
    const bytes = await outputs.read(id, name);
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        "content-type": "application/octet-stream",
        "content-length": String(bytes.length),
      },
    });
  }

  return async function handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const origin = url.origin;
    if (!url.pathname.startsWith(prefix))
      return json(404, { error: "Not Found", message: "Unknown path." });
    const rest = url.pathname.slice(prefix.length) || "/";
    try {
      const mediaMatch = /^\/media\/v1\/([^/]+)\/([^/]+)$/.exec(rest);
      if (req.method === "GET" && mediaMatch) {
        return await media(mediaMatch[1], mediaMatch[2], url.searchParams.get("link"));
      }
      if (rest === "/_sandbox/stats" && req.method === "GET") {
        // Per request only for its id, which is as secret as the media links it leads to.
        const id = url.searchParams.get("request");
        if (id === null) return json(200, stats);
        return json(200, perRequest.get(id) ?? { statusReads: 0, linkSets: 0, expiredLinks: 0 });
      }

      if (req.headers.get("ocp-apim-subscription-key") !== deps.apiKey) {
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
  };
}
