// Over ~300 lines on purpose: one case per behaviour of the module it tests, kept together.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeImage } from "./image-maker";
import { createSandbox, type SandboxOptions } from "./server";

const KEY = "sandbox-test-key";
const ORIGIN = "http://sb.test";
const IMAGE = "/hunyuan-image/v1/hunyuan-image/generateRequest";
const INSTRUCT = "/hunyuan-image-3-0-instruct/v1/hunyuan-image-3-0-instruct-request";
const MESH = "/hunyuan3d-3-0-api-294/v1/hunyuan3d-3-0-api-request";
const T0 = Date.UTC(2026, 0, 1);

const dirs: string[] = [];
async function tempDir() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "sandbox-server-"));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true, maxRetries: 5 })));
});

/** A sandbox on a clock the test moves by hand. */
async function sandbox(over: Partial<SandboxOptions> = {}) {
  const clock = { t: T0 };
  const sb = createSandbox({
    dir: await tempDir(),
    apiKey: KEY,
    prefix: "/sandbox",
    speed: 1,
    faultRate: 0,
    allowHosts: [],
    now: () => clock.t,
    ...over,
  });
  const call = (p: string, init: RequestInit & { key?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    if (init.key !== null) headers.set("ocp-apim-subscription-key", init.key ?? KEY);
    return sb.handle(new Request(`${ORIGIN}/sandbox${p}`, { ...init, headers }));
  };
  const submit = (model: string, body: unknown, headers: Record<string, string> = {}) =>
    call(model, { method: "POST", body: JSON.stringify(body), headers });
  const status = async (id: string) => (await call(`/v2/requests/status/${id}`)).json();
  /** Reads the status until the outputs are made (the clock is already past processing). */
  const settle = async (id: string) => {
    for (let i = 0; i < 400; i++) {
      const s = await status(id);
      if (s.completed_at) return s;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error("never settled");
  };
  return { sb, clock, call, submit, status, settle };
}

describe("sandbox protocol", () => {
  it("accepts a request and walks QUEUED → PROCESSING → COMPLETED on its schedule", async () => {
    const { clock, submit, status, settle, call } = await sandbox();
    const res = await submit(IMAGE, { prompt: "a red fox", num_images: 2, image_size: "square" });
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body.status).toBe("QUEUED");
    expect(body.request_id).toMatch(/^hunyuan-image_[0-9a-f-]{36}$/);
    expect(body.polling_url).toBe(`${ORIGIN}/sandbox/v2/requests/status/${body.request_id}`);
    const id = body.request_id;

    clock.t = T0 + 1199;
    expect((await status(id)).status).toBe("QUEUED");
    clock.t = T0 + 1200;
    expect((await status(id)).status).toBe("PROCESSING");
    // 2000 ms plus 400 per image.
    clock.t = T0 + 1200 + 2799;
    expect((await status(id)).status).toBe("PROCESSING");
    clock.t = T0 + 1200 + 2800;
    const done = await settle(id);
    expect(done).toMatchObject({
      request_id: id,
      status: "COMPLETED",
      model_id: "hunyuan-image",
      error: null,
      created_at: new Date(T0).toISOString(),
      completed_at: new Date(T0 + 4000).toISOString(),
      updated_at: new Date(T0 + 4000).toISOString(),
      output: {
        media_type: "application/octet-stream",
        media_url: [0, 1].map((i) => `${ORIGIN}/sandbox/media/v1/${id}/output-${i}.ext`),
      },
    });
    const media = await call(`/media/v1/${id}/output-1.ext`, { key: null });
    expect(media.status).toBe(200);
    expect(media.headers.get("content-type")).toBe("application/octet-stream");
    const bytes = Buffer.from(await media.arrayBuffer());
    expect(media.headers.get("content-length")).toBe(String(bytes.length));
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
    expect((await call(`/media/v1/${id}/output-2.ext`)).status).toBe(404);
    expect((await call(`/media/v1/${id}/output-0.png`)).status).toBe(404);
  });

  it("names outputs by format and serves sync mode as data URIs only", async () => {
    const { clock, submit, settle, call } = await sandbox();
    const sync = await (
      await submit(IMAGE, { prompt: "inline", sync_mode: true, output_format: "jpeg" })
    ).json();
    const webp = await (
      await submit(INSTRUCT, { prompt: "webp", image_size: "512x512", output_format: "webp" })
    ).json();
    clock.t = T0 + 60_000;
    const s = await settle(sync.request_id);
    expect(s.output.media_url[0]).toMatch(/^data:image\/jpeg;base64,\/9j\//);
    expect((await call(`/media/v1/${sync.request_id}/output-0.ext`)).status).toBe(404);
    const w = await settle(webp.request_id);
    expect(w.output.media_url[0]).toMatch(/output-0\.ext$/);
    const bytes = Buffer.from(
      await (await call(`/media/v1/${webp.request_id}/output-0.ext`)).arrayBuffer(),
    );
    expect(bytes.subarray(8, 12).toString()).toBe("WEBP");
  });

  it("checks the key, the path, the method and the body like the gateway", async () => {
    const { call, submit, sb } = await sandbox();
    const noKey = await call(IMAGE, { method: "POST", body: "{}", key: null });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toEqual({
      error: "Unauthorized",
      message: "Access denied due to missing or invalid subscription key.",
    });
    expect((await call("/v2/requests/status/x", { key: "wrong" })).status).toBe(401);
    const unknown = await call("/nope/v1/thing", { method: "POST", body: "{}" });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({
      error: "Model not found",
      message: "Model 'nope' not found or is disabled",
    });
    expect((await call("/v2/requests/status/x", { method: "POST" })).status).toBe(405);
    expect((await call(IMAGE)).status).toBe(404);
    expect((await sb.handle(new Request(`${ORIGIN}/elsewhere`))).status).toBe(404);
    const notJson = await call(IMAGE, { method: "POST", body: "{" });
    expect(await notJson.json()).toEqual({
      error: "Bad Request",
      message: "The request body is not valid JSON.",
    });
    expect((await submit(IMAGE, [1])).status).toBe(400);
    const invalid = await submit(IMAGE, { prompt: "x", image_size: "huge" });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).message).toContain("image_size");
    const missing = await call(
      "/v2/requests/status/hunyuan-image_00000000-0000-0000-0000-000000000000",
    );
    expect(missing.status).toBe(404);
    expect((await call("/v2/requests/status/..%2F..%2Fetc")).status).toBe(404);
  });

  it("counts submits, status reads and webhooks at /_sandbox/stats without a key", async () => {
    const { submit, status, call } = await sandbox();
    const { request_id } = await (await submit(IMAGE, { prompt: "count me" })).json();
    await submit(IMAGE, { prompt: "refused [sandbox:fail=500]" });
    await status(request_id);
    await status(request_id);
    const stats = await (await call("/_sandbox/stats", { key: null })).json();
    expect(stats).toEqual({ submits: 1, statusReads: 2, faults: 0, webhooks: 0, retryAfter: [] });
  });
});

describe("prompt directives", () => {
  it.each([
    [400, "Model not found", "Model 'hunyuan-image' not found or is disabled"],
    [401, "Unauthorized", "Access denied due to invalid subscription key."],
    [402, "Insufficient Balance", "Your wallet does not have enough balance."],
    [403, "Forbidden", "Your subscription does not include this model."],
    [404, "Not Found", "The requested resource was not found."],
    [429, "Too Many Requests", "Rate limit exceeded. Try again later."],
    [500, "Internal Server Error", "The queue service failed unexpectedly."],
    [418, "Error", "Sandbox error 418"],
  ])("fail=%i refuses the submit", async (code, error, message) => {
    const { submit, call } = await sandbox();
    const res = await submit(IMAGE, { prompt: `x [sandbox:fail=${code}]` });
    expect(res.status).toBe(code);
    expect(await res.json()).toEqual({ error, message });
    expect(res.headers.get("retry-after")).toBe(code === 429 ? "2" : null);
    expect((await (await call("/_sandbox/stats")).json()).submits).toBe(0);
  });

  it("a code no HTTP answer can carry ends as the sandbox's internal error", async () => {
    const { submit } = await sandbox();
    const res = await submit(IMAGE, { prompt: "x [sandbox:fail=999]" });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      error: "Internal Server Error",
      message: "The sandbox failed unexpectedly.",
    });
  });

  it("the first refusal wins, and refusal beats a failing fate", async () => {
    const { submit } = await sandbox();
    const res = await submit(IMAGE, {
      prompt: "x [sandbox:fail=failed] [sandbox:fail=402] [sandbox:fail=403]",
    });
    expect(res.status).toBe(402);
  });

  it.each([
    ["fail=failed", "FAILED", "The safety checker flagged this prompt (sandbox)."],
    ["fail=error", "ERROR", "The GPU worker ran out of memory (sandbox)."],
    [
      "fail=error] [sandbox:fail=failed",
      "FAILED",
      "The safety checker flagged this prompt (sandbox).",
    ],
    ["FAIL=Error", "ERROR", "The GPU worker ran out of memory (sandbox)."],
  ])("%s ends the request %s", async (directive, state, error) => {
    const { clock, submit, settle } = await sandbox();
    const { request_id } = await (
      await submit(INSTRUCT, { prompt: `x [sandbox:${directive}]` })
    ).json();
    clock.t = T0 + 1200 + 2400;
    const s = await settle(request_id);
    expect(s).toMatchObject({ status: state, error, output: null });
    expect(s.completed_at).toBe(new Date(T0 + 3600).toISOString());
  });

  it("directives are read from the negative prompt too", async () => {
    const { clock, submit, settle } = await sandbox();
    const { request_id } = await (
      await submit(IMAGE, { prompt: "fine", negative_prompt: "[sandbox:fail=error]" })
    ).json();
    clock.t = T0 + 60_000;
    expect((await settle(request_id)).status).toBe("ERROR");
  });

  it("slow makes processing five times as long", async () => {
    const { clock, submit, status, settle } = await sandbox({ speed: 2 });
    const { request_id } = await (
      await submit(IMAGE, { prompt: "slow job [sandbox:slow]", num_images: 1 })
    ).json();
    // queued 1200/2 = 600; processing round(2400/2) * 5 = 6000.
    clock.t = T0 + 600 + 5999;
    expect((await status(request_id)).status).toBe("PROCESSING");
    clock.t = T0 + 6600;
    expect((await settle(request_id)).status).toBe("COMPLETED");
  });

  it.each([
    ["media=404", 404, "Not found"],
    ["media=500", 500, "Upstream error"],
    ["media=500] [sandbox:media=404", 404, "Not found"],
  ])("%s answers the media link with that status", async (directive, code, text) => {
    const { clock, submit, settle, call } = await sandbox();
    const { request_id } = await (
      await submit(IMAGE, { prompt: `link [sandbox:${directive}]` })
    ).json();
    clock.t = T0 + 60_000;
    const s = await settle(request_id);
    expect(s.status).toBe("COMPLETED");
    const res = await call(`/media/v1/${request_id}/output-0.ext`);
    expect(res.status).toBe(code);
    expect(await res.text()).toBe(text);
  });

  it("media=expire-once: the first links handed out answer 403 for good, later reads give fresh ones", async () => {
    const { clock, submit, settle, status, call } = await sandbox();
    const { request_id } = await (
      await submit(IMAGE, { prompt: "short-lived [sandbox:media=expire-once]", num_images: 2 })
    ).json();
    clock.t = T0 + 60_000;
    const first = await settle(request_id);
    const link = (s: { output: { media_url: string[] } }, i: number) =>
      s.output.media_url[i].slice(`${ORIGIN}/sandbox`.length);
    expect(first.output.media_url).toEqual(
      [0, 1].map((i) => `${ORIGIN}/sandbox/media/v1/${request_id}/output-${i}.ext?link=0`),
    );
    const expired = await call(link(first, 0), { key: null });
    expect(expired.status).toBe(403);
    expect(await expired.text()).toBe("Link expired");
    const again = await status(request_id);
    expect(link(again, 1)).toBe(`/media/v1/${request_id}/output-1.ext?link=1`);
    const fresh = await call(link(again, 1), { key: null });
    expect(fresh.status).toBe(200);
    expect(
      Buffer.from(await fresh.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    // The first set stays expired, and a link without a set is one of it.
    expect((await call(link(first, 1))).status).toBe(403);
    expect((await call(`/media/v1/${request_id}/output-0.ext`)).status).toBe(403);
    expect(link(await status(request_id), 0)).toMatch(/\?link=2$/);
    const stats = await (await call(`/_sandbox/stats?request=${request_id}`, { key: null })).json();
    // settle() read the status while the outputs were being made, too.
    expect(stats).toMatchObject({ linkSets: 3, expiredLinks: 3 });
    expect(stats.statusReads).toBeGreaterThanOrEqual(3);
    const unknown = await call("/_sandbox/stats?request=nope", { key: null });
    expect(await unknown.json()).toEqual({ statusReads: 0, linkSets: 0, expiredLinks: 0 });
    expect((await (await call("/_sandbox/stats")).json()).submits).toBe(1);
  });

  it("unknown directives and bad values change nothing", async () => {
    const { clock, submit, settle, call } = await sandbox();
    const res = await submit(IMAGE, {
      prompt:
        "x [sandbox:fail=4021] [sandbox:fail=nope] [sandbox:media=403] [sandbox:slower] [sandbox:fail 402]",
    });
    expect(res.status).toBe(202);
    const { request_id } = await res.json();
    clock.t = T0 + 1200 + 2400;
    expect((await settle(request_id)).status).toBe("COMPLETED");
    expect((await call(`/media/v1/${request_id}/output-0.ext`)).status).toBe(200);
  });
});

describe("request records", () => {
  it("stores the plan with the request, and follows the prompt of a record stored without one", async () => {
    const dir = await tempDir();
    const { clock, submit, settle, call } = await sandbox({ dir });
    const { request_id } = await (
      await submit(IMAGE, { prompt: "old link [sandbox:media=404]" })
    ).json();
    const file = path.join(dir, "requests", `${request_id}.json`);
    const rec = JSON.parse(await readFile(file, "utf8"));
    expect(rec.plan).toMatchObject({ media: 404, refuse: null, slow: false });
    delete rec.plan;
    await writeFile(file, JSON.stringify(rec));
    clock.t = T0 + 60_000;
    expect((await settle(request_id)).status).toBe("COMPLETED");
    expect((await call(`/media/v1/${request_id}/output-0.ext`)).status).toBe(404);
  });
});

describe("mesh requests and webhooks", () => {
  let server: http.Server;
  let host: string;
  const hooks: { body: unknown; at: number }[] = [];

  beforeAll(async () => {
    const input = await makeImage({
      prompt: "vase",
      seed: 1,
      width: 128,
      height: 128,
      format: "png",
    });
    server = http.createServer(async (req, res) => {
      if (req.method === "POST") {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        hooks.push({ body: JSON.parse(Buffer.concat(chunks).toString()), at: Date.now() });
        res.writeHead(204).end();
        return;
      }
      if (req.url === "/input.png") res.writeHead(200, { "content-type": "image/png" }).end(input);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("makes a GLB from the input image, or a corrupt one on request", async () => {
    const { clock, submit, status, settle, call } = await sandbox({ allowHosts: [host] });
    const ids: string[] = [];
    for (const prompt of ["vase", "vase [sandbox:mesh=corrupt]"]) {
      const res = await submit(MESH, {
        input_image_url: `http://${host}/input.png`,
        prompt,
        face_count: 40_000,
      });
      ids.push((await res.json()).request_id);
    }
    clock.t = T0 + 1200 + 3999;
    expect((await status(ids[0])).status).toBe("PROCESSING");
    clock.t = T0 + 1200 + 4000;
    const glbs: Buffer[] = [];
    for (const id of ids) {
      expect((await settle(id)).status).toBe("COMPLETED");
      glbs.push(Buffer.from(await (await call(`/media/v1/${id}/output-0.ext`)).arrayBuffer()));
    }
    expect(glbs[0].subarray(0, 4).toString()).toBe("glTF");
    expect(glbs[0].readUInt32LE(8)).toBe(glbs[0].length);
    expect(glbs[1].length).toBe(20 + 4096);
    expect(glbs[1].subarray(0, 8).equals(glbs[0].subarray(0, 8))).toBe(true);
    expect(glbs[1].subarray(20).every((b) => b === 0x5a)).toBe(true);
  });

  it("an input image it may not fetch fails the request", async () => {
    const { clock, submit, settle } = await sandbox();
    const { request_id } = await (
      await submit(MESH, { input_image_url: `http://${host}/input.png`, face_count: 40_000 })
    ).json();
    clock.t = T0 + 60_000;
    const s = await settle(request_id);
    expect(s.status).toBe("FAILED");
    expect(s.error).toMatch(/^Could not download the input image: /);
  });

  it("posts the terminal status to X-Webhook-URL once, and again only after a restart that finds it undelivered", async () => {
    const dir = await tempDir();
    const clock = { t: T0 };
    const opts = {
      dir,
      apiKey: KEY,
      prefix: "",
      speed: 20,
      faultRate: 0,
      allowHosts: [host],
      now: () => clock.t,
    };
    const a = createSandbox(opts);
    const res = await a.handle(
      new Request(`${ORIGIN}${IMAGE}`, {
        method: "POST",
        headers: {
          "ocp-apim-subscription-key": KEY,
          "x-webhook-url": `http://${host}/hook`,
        },
        body: JSON.stringify({ prompt: "hooked [sandbox:fail=failed]" }),
      }),
    );
    const { request_id } = await res.json();
    clock.t = T0 + 10_000;
    for (let i = 0; i < 300 && a.stats.webhooks === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(a.stats.webhooks).toBe(1);
    const hook = hooks.find((h) => (h.body as { request_id: string }).request_id === request_id);
    expect(hook?.body).toMatchObject({ status: "FAILED", output: null, model_id: "hunyuan-image" });
    // Delivered is recorded, so a restarted sandbox does not send it again.
    for (let i = 0; i < 100; i++) {
      const rec = JSON.parse(
        await readFile(path.join(dir, "requests", `${request_id}.json`), "utf8"),
      );
      if (rec.webhookDelivered) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const b = createSandbox(opts);
    await b.resume(ORIGIN);
    await new Promise((r) => setTimeout(r, 300));
    expect(b.stats.webhooks).toBe(0);
    expect(
      (await readdir(path.join(dir, "requests"))).filter((n) => n.endsWith(".json")),
    ).toHaveLength(1);
    // A sandbox stopped before delivering delivers after its restart.
    const file = path.join(dir, "requests", `${request_id}.json`);
    const rec = JSON.parse(await readFile(file, "utf8"));
    delete rec.webhookDelivered;
    await writeFile(file, JSON.stringify(rec));
    const c = createSandbox(opts);
    await c.resume(ORIGIN);
    for (let i = 0; i < 300 && c.stats.webhooks === 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(c.stats.webhooks).toBe(1);
    expect(
      hooks.filter((h) => (h.body as { request_id: string }).request_id === request_id),
    ).toHaveLength(2);
  });
});

describe("fault injection on status reads", () => {
  it("answers 429 with Retry-After, 500, or half a JSON body, and records the wait after a 429", async () => {
    const picks = [0.1, 0.0, 0.1, 0.4, 0.1, 0.9, 0.9];
    const { clock, submit, call, settle } = await sandbox({
      faultRate: 0.5,
      random: () => picks.shift() ?? 0.9,
    });
    const { request_id } = await (await submit(IMAGE, { prompt: "faulty" })).json();
    const read = () => call(`/v2/requests/status/${request_id}`);
    const r429 = await read();
    expect(r429.status).toBe(429);
    expect(r429.headers.get("retry-after")).toBe("2");
    expect(await r429.json()).toEqual({
      error: "Too Many Requests",
      message: "Rate limit exceeded.",
    });
    clock.t += 2100;
    const r500 = await read();
    expect(r500.status).toBe(500);
    expect(await r500.json()).toEqual({
      error: "Internal Server Error",
      message: "Status store unavailable.",
    });
    const cut = await read();
    expect(cut.status).toBe(200);
    const text = await cut.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(text.startsWith(`{"request_id":"${request_id}"`)).toBe(true);
    const fine = await read();
    expect(fine.status).toBe(200);
    const stats = await (await call("/_sandbox/stats")).json();
    expect(stats).toMatchObject({
      statusReads: 4,
      faults: 3,
      retryAfter: [{ askedMs: 2000, waitedMs: 2100 }],
    });
    clock.t = T0 + 60_000;
    expect((await settle(request_id)).status).toBe("COMPLETED");
  });
});
