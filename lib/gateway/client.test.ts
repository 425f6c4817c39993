import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveSandbox } from "@/lib/sandbox/serve";
import { createGatewayClient } from "./client";
import { GatewayError } from "./errors";
import type { StatusResponse } from "./models";

const KEY = "test-key-123456";
let server: Awaited<ReturnType<typeof serveSandbox>>;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "sandbox-"));
  server = await serveSandbox({ dir, apiKey: KEY, speed: 20, faultRate: 0, allowHosts: [] });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function untilTerminal(client: ReturnType<typeof createGatewayClient>, id: string) {
  const seen: string[] = [];
  for (let i = 0; i < 200; i++) {
    const s: StatusResponse = await client.status(id);
    if (seen.at(-1) !== s.status) seen.push(s.status);
    if (s.status === "COMPLETED" || s.status === "FAILED" || s.status === "ERROR")
      return { s, seen };
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("never finished");
}

describe("gateway client against the sandbox over HTTP", () => {
  it("submits, walks QUEUED → PROCESSING → COMPLETED and gets octet-stream media URLs", async () => {
    const client = createGatewayClient({ baseUrl: server.url, apiKey: KEY });
    const { requestId } = await client.submit("hunyuan-image", {
      prompt: "a red fox",
      num_images: 2,
      image_size: "square",
      output_format: "jpeg",
      seed: 7,
    });
    expect(requestId).toMatch(/^hunyuan-image_/);
    const { s, seen } = await untilTerminal(client, requestId);
    expect(seen[0]).toBe("QUEUED");
    expect(seen).toContain("PROCESSING");
    expect(s.status).toBe("COMPLETED");
    expect(s.output?.media_type).toBe("application/octet-stream");
    expect(s.output?.media_url).toHaveLength(2);
    expect(s.output!.media_url[0]).toMatch(/output-0\.ext$/);
    const bytes = Buffer.from(await (await fetch(s.output!.media_url[0])).arrayBuffer());
    expect(bytes[0]).toBe(0xff); // JPEG
  });

  it("a body with nothing but the prompt runs with the reference's defaults", async () => {
    const client = createGatewayClient({ baseUrl: server.url, apiKey: KEY });
    const { requestId } = await client.submit("hunyuan-image", { prompt: "defaults only" });
    const { s } = await untilTerminal(client, requestId);
    expect(s.status).toBe("COMPLETED");
    expect(s.output?.media_url).toHaveLength(1); // num_images 1
    const bytes = Buffer.from(await (await fetch(s.output!.media_url[0])).arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe("PNG"); // output_format png
    expect(bytes.readUInt32BE(16)).toBe(1024); // square_hd
  });

  it("the same seed and prompt give the same bytes; another prompt does not", async () => {
    const client = createGatewayClient({ baseUrl: server.url, apiKey: KEY });
    const body = { prompt: "same", image_size: "square", seed: 42 };
    const urls: string[] = [];
    for (const b of [body, body, { ...body, prompt: "other" }]) {
      const { requestId } = await client.submit("hunyuan-image", b);
      urls.push((await untilTerminal(client, requestId)).s.output!.media_url[0]);
    }
    const files = await Promise.all(
      urls.map(async (u) => Buffer.from(await (await fetch(u)).arrayBuffer())),
    );
    expect(files[0].equals(files[1])).toBe(true);
    expect(files[0].equals(files[2])).toBe(false);
  });

  it("sync_mode returns data URIs", async () => {
    const client = createGatewayClient({ baseUrl: server.url, apiKey: KEY });
    const { requestId } = await client.submit("hunyuan-image", {
      prompt: "sync",
      sync_mode: true,
      image_size: "square",
    });
    const { s } = await untilTerminal(client, requestId);
    expect(s.output!.media_url[0]).toMatch(/^data:image\/png;base64,/);
  });

  it.each([
    [402, "insufficient_balance", "Your Pixazo balance is too low"],
    [400, "bad_request", "The gateway refused the request"],
    [403, "forbidden", "refused access"],
    [429, "rate_limited", "busy"],
    [500, "server_error", "internal error"],
  ])("a %i refusal becomes a clear message", async (status, code, text) => {
    const client = createGatewayClient({ baseUrl: server.url, apiKey: KEY });
    const err = await client
      .submit("hunyuan-image", { prompt: `x [sandbox:fail=${status}]` })
      .catch((e) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.code).toBe(code);
    expect(err.httpStatus).toBe(status);
    expect(err.userMessage).toContain(text);
    expect(err.accepted).toBe(false);
    if (status === 429) expect(err.retryAfterMs).toBe(2000);
  });

  it("a wrong key is a 401 the designer can act on", async () => {
    const client = createGatewayClient({ baseUrl: server.url, apiKey: "wrong-key-000" });
    const err = await client.submit("hunyuan-image", { prompt: "x" }).catch((e) => e);
    expect(err.code).toBe("unauthorized");
    expect(err.userMessage).toContain("PIXAZO_API_KEY");
  });

  it("the sandbox validates like the gateway: a bad size is a 400 naming the field", async () => {
    const client = createGatewayClient({ baseUrl: server.url, apiKey: KEY });
    const err = await client
      .submit("hunyuan-image", { prompt: "x", image_size: "huge" })
      .catch((e) => e);
    expect(err.code).toBe("bad_request");
    expect(err.gatewayMessage).toContain("image_size");
  });

  it("FAILED and ERROR carry the gateway's error", async () => {
    const client = createGatewayClient({ baseUrl: server.url, apiKey: KEY });
    for (const fate of ["failed", "error"]) {
      const { requestId } = await client.submit("hunyuan-image-3-0-instruct", {
        prompt: `x [sandbox:fail=${fate}]`,
      });
      const { s } = await untilTerminal(client, requestId);
      expect(s.status).toBe(fate.toUpperCase());
      expect(s.error).toBeTruthy();
      expect(s.output).toBeNull();
    }
  });

  it("an unknown request is a 404; a refused connection says it was not sent", async () => {
    const client = createGatewayClient({ baseUrl: server.url, apiKey: KEY });
    const err = await client
      .status("hunyuan-image_00000000-0000-0000-0000-000000000000")
      .catch((e) => e);
    expect(err.code).toBe("not_found");
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const closedPort = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const dead = createGatewayClient({ baseUrl: `http://127.0.0.1:${closedPort}`, apiKey: KEY });
    const refused = await dead.submit("hunyuan-image", { prompt: "x" }).catch((e) => e);
    expect(refused.code).toBe("unreachable");
    expect(refused.accepted).toBe(false);
  });

  it("malformed answers are errors with a message, never a crash", async () => {
    const fakeFetch = (async () =>
      new Response('{"request_id": 5, "status": "WAT"', {
        status: 200,
      })) as unknown as typeof fetch;
    const client = createGatewayClient({
      baseUrl: "http://gw.test",
      apiKey: KEY,
      fetchImpl: fakeFetch,
    });
    const s = await client.status("abc").catch((e) => e);
    expect(s.code).toBe("malformed_response");
    expect(s.retryable).toBe(true);
    const sub = await client.submit("hunyuan-image", { prompt: "x" }).catch((e) => e);
    expect(sub.code).toBe("malformed_response");
    expect(sub.accepted).toBeNull();
  });

  it("reads loose status answers: any letter case, an output without media", async () => {
    const answers = [
      { request_id: "r1", status: "completed", output: {} },
      { request_id: "r1", status: "Processing", output: { media_url: null } },
      { request_id: "r1", status: "queued" },
    ];
    let i = 0;
    const fakeFetch = (async () =>
      new Response(JSON.stringify(answers[i++]), { status: 200 })) as unknown as typeof fetch;
    const client = createGatewayClient({
      baseUrl: "http://gw.test",
      apiKey: KEY,
      fetchImpl: fakeFetch,
    });
    const first = await client.status("r1");
    expect(first).toMatchObject({ status: "COMPLETED", output: { media_url: [] } });
    expect(await client.status("r1")).toMatchObject({
      status: "PROCESSING",
      output: { media_url: [] },
    });
    expect((await client.status("r1")).status).toBe("QUEUED");
  });

  it("sends the key only to the configured base URL and never follows redirects", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(null, {
        status: 302,
        headers: { location: "https://evil.example/steal" },
      });
    }) as unknown as typeof fetch;
    const client = createGatewayClient({
      baseUrl: "https://gateway.pixazo.ai/",
      apiKey: KEY,
      fetchImpl: fakeFetch,
    });
    await client.status("hunyuan-image_x").catch(() => undefined);
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe("https://gateway.pixazo.ai/v2/requests/status/hunyuan-image_x");
    expect(calls[0].init.redirect).toBe("manual");
  });
});

describe("submit answers that leave it unknown whether the job was queued", () => {
  it.each([
    [502, "<html>Bad Gateway</html>"],
    [504, '{"error":"Gateway Timeout"}'],
    [500, "upstream connect error"],
  ])("%i with %s is not sent again", async (status, body) => {
    const fakeFetch = (async () => new Response(body, { status })) as unknown as typeof fetch;
    const client = createGatewayClient({
      baseUrl: "http://gw.test",
      apiKey: KEY,
      fetchImpl: fakeFetch,
    });
    const err = await client.submit("hunyuan-image", { prompt: "x" }).catch((e) => e);
    expect(err.code).toBe("server_error");
    expect(err.accepted).toBeNull();
  });

  it("a 503 with the gateway's own error body certainly did not queue it", async () => {
    const fakeFetch = (async () =>
      new Response('{"error":"Service Unavailable","message":"Queue is full"}', {
        status: 503,
      })) as unknown as typeof fetch;
    const client = createGatewayClient({
      baseUrl: "http://gw.test",
      apiKey: KEY,
      fetchImpl: fakeFetch,
    });
    const err = await client.submit("hunyuan-image", { prompt: "x" }).catch((e) => e);
    expect(err.accepted).toBe(false);
    expect(err.userMessage).toContain("Queue is full");
  });

  it("an answer larger than the cap is refused without buffering it whole", async () => {
    const big = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 70; i++) c.enqueue(new Uint8Array(1024 * 1024));
        c.close();
      },
    });
    const fakeFetch = (async () => new Response(big, { status: 200 })) as unknown as typeof fetch;
    const client = createGatewayClient({
      baseUrl: "http://gw.test",
      apiKey: KEY,
      fetchImpl: fakeFetch,
    });
    const err = await client.status("x").catch((e) => e);
    expect(err.code).toBe("unreachable");
  });
});
