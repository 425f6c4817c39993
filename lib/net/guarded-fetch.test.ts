// Over ~300 lines on purpose: one case per behaviour of the module it tests, kept together.
// Real sockets against servers on 127.0.0.1. Nothing here may reach a non-loopback address:
// every non-loopback target in these tests must be refused before a socket connects.
import http, {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  BlockedUrlError,
  FetchLimitError,
  guardedFetch,
  type GuardedFetchOptions,
  type ResolvedAddress,
  type Resolver,
} from "./guarded-fetch";

interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface TestServer {
  port: number;
  origin: string;
  requests: SeenRequest[];
  connections: () => number;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const servers: (http.Server | https.Server)[] = [];

async function startServer(handler: Handler): Promise<TestServer> {
  const server = http.createServer();
  const requests: SeenRequest[] = [];
  let connections = 0;
  server.on("connection", () => connections++);
  server.on("request", (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString();
      requests.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return { port, origin: `http://127.0.0.1:${port}`, requests, connections: () => connections };
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

const ok: Handler = (_req, res) => res.end("hello");

function redirectTo(location: string, status = 302): Handler {
  return (_req, res) => {
    res.writeHead(status, { location });
    res.end();
  };
}

function fakeResolver(answers: Record<string, string[]>) {
  return vi.fn<Resolver>(async (host) =>
    (answers[host] ?? []).map((address): ResolvedAddress => ({
      address,
      family: address.includes(":") ? 6 : 4,
    })),
  );
}

// Gives a socket that would have been opened by mistake time to show up at the server.
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

const base = { timeoutMs: 5_000, maxBytes: 1_000_000 } satisfies GuardedFetchOptions;

async function blocked(
  promise: Promise<unknown>,
  reason: BlockedUrlError["reason"],
): Promise<BlockedUrlError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the fetch to be blocked");
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BlockedUrlError);
  expect((error as BlockedUrlError).reason).toBe(reason);
  return error as BlockedUrlError;
}

async function limited(promise: Promise<unknown>, kind: FetchLimitError["kind"]) {
  const error = await promise.then(
    () => {
      throw new Error("expected the fetch to hit a limit");
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FetchLimitError);
  expect((error as FetchLimitError).kind).toBe(kind);
}

describe("guardedFetch refuses before connecting", () => {
  it("blocks a plain URL to a loopback server, which never sees a connection", async () => {
    const server = await startServer(ok);
    const error = await blocked(guardedFetch(`${server.origin}/secret`, base), "address");
    expect(error.message).toContain("127.0.0.1");
    await settle();
    expect(server.connections()).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ["decimal", "2130706433"],
    ["hex", "0x7f000001"],
    ["dotted hex", "0x7f.1"],
    ["octal", "017700000001"],
    ["dotted octal", "0177.0.0.01"],
    ["short", "127.1"],
    ["percent-encoded", "%31%32%37.0.0.1"],
    ["IPv4-mapped dotted", "[::ffff:127.0.0.1]"],
    ["IPv4-mapped hex", "[::ffff:7f00:1]"],
    ["IPv6 loopback", "[::1]"],
    ["unspecified", "0.0.0.0"],
    ["zero", "0"],
  ])("blocks the %s host form %s", async (_name, host) => {
    const server = await startServer(ok);
    const url = `http://${host}:${server.port}/`;
    await blocked(guardedFetch(url, base), "address");
    await settle();
    expect(server.connections()).toBe(0);
  });

  it("relies on the WHATWG parser, which turns numeric tricks into 127.0.0.1", async () => {
    for (const host of ["2130706433", "0x7f.1", "017700000001", "0x7f000001", "127.1"]) {
      expect(new URL(`http://${host}/`).hostname).toBe("127.0.0.1");
    }
    // Same normalisation on the allow-list side: the trick reaches the allowed host, nothing else.
    const server = await startServer(ok);
    const response = await guardedFetch(`http://0x7f.1:${server.port}/`, {
      ...base,
      allowHosts: [`127.0.0.1:${server.port}`],
    });
    expect(response.body.toString()).toBe("hello");
  });

  it.each([
    "file:///etc/passwd",
    "data:text/plain,hello",
    "ftp://example.com/file",
    "gopher://127.0.0.1:70/_x",
    "javascript:alert(1)",
    "ws://example.com/",
    "blob:http://example.com/uuid",
  ])("blocks the scheme of %s", async (url) => {
    const resolver = fakeResolver({});
    await blocked(guardedFetch(url, { ...base, resolver }), "scheme");
    expect(resolver).not.toHaveBeenCalled();
  });

  it("blocks credentials in the URL, even for an allowed host", async () => {
    const server = await startServer(ok);
    const opts = { ...base, allowHosts: [`127.0.0.1:${server.port}`] };
    await blocked(guardedFetch(`http://user:pass@127.0.0.1:${server.port}/`, opts), "credentials");
    await blocked(guardedFetch(`http://user@127.0.0.1:${server.port}/`, opts), "credentials");
    await settle();
    expect(server.connections()).toBe(0);
  });

  it("blocks malformed URLs", async () => {
    await blocked(guardedFetch("not a url", base), "invalid-url");
    await blocked(guardedFetch("http://[::1/", base), "invalid-url");
  });

  it("blocks a name that resolves to loopback (rebind.test) without connecting", async () => {
    const server = await startServer(ok);
    const resolver = fakeResolver({ "rebind.test": ["127.0.0.1"] });
    await blocked(
      guardedFetch(`http://rebind.test:${server.port}/`, { ...base, resolver }),
      "address",
    );
    // One resolution per connection: the answer checked is the answer used.
    expect(resolver).toHaveBeenCalledTimes(1);
    expect(resolver).toHaveBeenCalledWith("rebind.test");
    await settle();
    expect(server.connections()).toBe(0);
  });

  it.each(["10.0.0.1", "169.254.169.254", "::ffff:127.0.0.1", "fd00::1", "::1", "0.0.0.0"])(
    "blocks evil.test resolving to %s without connecting",
    async (address) => {
      const server = await startServer(ok);
      const resolver = fakeResolver({ "evil.test": [address] });
      const error = await blocked(
        guardedFetch(`http://evil.test:${server.port}/`, { ...base, resolver }),
        "address",
      );
      expect(error.message).toContain(address);
      expect(resolver).toHaveBeenCalledTimes(1);
      await settle();
      expect(server.connections()).toBe(0);
    },
  );

  it("blocks a name whose answers mix public and private", async () => {
    const server = await startServer(ok);
    const resolver = fakeResolver({ "mixed.test": ["8.8.8.8", "127.0.0.1"] });
    await blocked(
      guardedFetch(`http://mixed.test:${server.port}/`, { ...base, resolver }),
      "address",
    );
    await settle();
    expect(server.connections()).toBe(0);
  });

  it("requires https for non-allow-listed URLs when httpsOnlyForPublic is set", async () => {
    const resolver = fakeResolver({ "public.test": ["8.8.8.8"] });
    const opts = { ...base, resolver, httpsOnlyForPublic: true };
    await blocked(guardedFetch("http://public.test/image.png", opts), "https-required");
    expect(resolver).not.toHaveBeenCalled();

    const server = await startServer(ok);
    const allowed = await guardedFetch(`${server.origin}/`, {
      ...opts,
      allowHosts: [`127.0.0.1:${server.port}`],
    });
    expect(allowed.status).toBe(200);
  });

  it("rejects already-aborted signals without connecting", async () => {
    const server = await startServer(ok);
    const reason = new Error("caller gave up");
    const signal = AbortSignal.abort(reason);
    const opts = { ...base, signal, allowHosts: [`127.0.0.1:${server.port}`] };
    await expect(guardedFetch(server.origin, opts)).rejects.toBe(reason);
    await settle();
    expect(server.connections()).toBe(0);
  });

  it("rejects nonsensical options as bugs", async () => {
    await expect(guardedFetch("http://x.test/", { ...base, timeoutMs: 0 })).rejects.toThrow(
      TypeError,
    );
    await expect(guardedFetch("http://x.test/", { ...base, maxBytes: -1 })).rejects.toThrow(
      TypeError,
    );
    await expect(
      guardedFetch("http://x.test/", { ...base, body: "x", method: "GET" }),
    ).rejects.toThrow(TypeError);
    await expect(guardedFetch("http://x.test/", { ...base, allowHosts: ["a/b"] })).rejects.toThrow(
      TypeError,
    );
  });
});

describe("guardedFetch to an allow-listed host", () => {
  it("lets 127.0.0.1:PORT through and returns the body", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "image/png", "x-extra": "1" });
      res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    });
    const response = await guardedFetch(`${server.origin}/media/a.png?sig=1`, {
      ...base,
      allowHosts: [`127.0.0.1:${server.port}`],
    });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("image/png");
    expect(response.body).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect(response.url).toBe(`${server.origin}/media/a.png?sig=1`);
    expect(server.requests[0].url).toBe("/media/a.png?sig=1");
  });

  it("resolves an allow-listed name through the resolver and connects to that address", async () => {
    const server = await startServer(ok);
    const resolver = fakeResolver({ "gateway.test": ["127.0.0.1"] });
    const response = await guardedFetch(`http://GATEWAY.test:${server.port}/v1`, {
      ...base,
      resolver,
      allowHosts: [`gateway.test:${server.port}`],
    });
    expect(response.body.toString()).toBe("hello");
    expect(resolver).toHaveBeenCalledWith("gateway.test");
    expect(server.requests[0].headers.host).toBe(`gateway.test:${server.port}`);
  });

  it("only allows the listed port", async () => {
    const server = await startServer(ok);
    await blocked(
      guardedFetch(server.origin, { ...base, allowHosts: [`127.0.0.1:${server.port + 1}`] }),
      "address",
    );
    await blocked(guardedFetch(server.origin, { ...base, allowHosts: ["127.0.0.1"] }), "address");
  });

  it("sends a POST body with its length and keeps caller headers", async () => {
    const server = await startServer((_req, res, body) => res.end(`got ${body}`));
    const response = await guardedFetch(server.origin, {
      ...base,
      method: "POST",
      body: JSON.stringify({ prompt: "ü" }),
      headers: { "Content-Type": "application/json", Host: "spoofed.test", "X-Trace": "t1" },
      allowHosts: [`127.0.0.1:${server.port}`],
    });
    expect(response.body.toString()).toBe('got {"prompt":"ü"}');
    const seen = server.requests[0];
    expect(seen.method).toBe("POST");
    expect(seen.headers["content-length"]).toBe(String(Buffer.byteLength('{"prompt":"ü"}')));
    expect(seen.headers["content-type"]).toBe("application/json");
    expect(seen.headers["x-trace"]).toBe("t1");
    expect(seen.headers.host).toBe(`127.0.0.1:${server.port}`);
  });

  it("does not hold HEAD to the size its Content-Length announces", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-length": "5000000" });
      res.end();
    });
    const response = await guardedFetch(server.origin, {
      ...base,
      method: "HEAD",
      maxBytes: 10,
      allowHosts: [`127.0.0.1:${server.port}`],
    });
    expect(response.headers["content-length"]).toBe("5000000");
    expect(response.body).toHaveLength(0);
  });
});

describe("guardedFetch redirects", () => {
  it("follows redirects within the allowed host, resolving relative locations", async () => {
    const server = await startServer((req, res) => {
      if (req.url === "/a") return redirectTo("/b", 301)(req, res, "");
      if (req.url === "/b") return redirectTo("c?x=1", 308)(req, res, "");
      res.end(`final ${req.url}`);
    });
    const response = await guardedFetch(`${server.origin}/a`, {
      ...base,
      allowHosts: [`127.0.0.1:${server.port}`],
    });
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe("final /c?x=1");
    expect(response.url).toBe(`${server.origin}/c?x=1`);
    expect(server.requests.map((r) => r.url)).toEqual(["/a", "/b", "/c?x=1"]);
  });

  it("blocks a redirect from the allowed host to another loopback port", async () => {
    const other = await startServer(ok);
    const server = await startServer(redirectTo(`http://127.0.0.1:${other.port}/`));
    await blocked(
      guardedFetch(server.origin, { ...base, allowHosts: [`127.0.0.1:${server.port}`] }),
      "address",
    );
    await settle();
    expect(server.requests).toHaveLength(1);
    expect(other.connections()).toBe(0);
  });

  it.each([
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://[fd00::1]/",
    "http://0251.0376.0251.0376/",
  ])("blocks a redirect from the allowed host to %s", async (location) => {
    const server = await startServer(redirectTo(location));
    await blocked(
      guardedFetch(server.origin, { ...base, allowHosts: [`127.0.0.1:${server.port}`] }),
      "address",
    );
  });

  it("blocks redirects to loopback in disguise", async () => {
    const other = await startServer(ok);
    for (const host of ["[::ffff:127.0.0.1]", "2130706433", "localhost.test"]) {
      const server = await startServer(redirectTo(`http://${host}:${other.port}/`));
      const resolver = fakeResolver({ "localhost.test": ["127.0.0.1"] });
      await blocked(
        guardedFetch(server.origin, {
          ...base,
          resolver,
          allowHosts: [`127.0.0.1:${server.port}`],
        }),
        "address",
      );
    }
    await settle();
    expect(other.connections()).toBe(0);
  });

  it("blocks a redirect to a name resolving privately, and to other schemes", async () => {
    const resolver = fakeResolver({ "evil.test": ["10.0.0.1"] });
    const toEvil = await startServer(redirectTo("http://evil.test/"));
    await blocked(
      guardedFetch(toEvil.origin, { ...base, resolver, allowHosts: [`127.0.0.1:${toEvil.port}`] }),
      "address",
    );
    const toFile = await startServer(redirectTo("file:///etc/passwd"));
    await blocked(
      guardedFetch(toFile.origin, { ...base, allowHosts: [`127.0.0.1:${toFile.port}`] }),
      "scheme",
    );
  });

  it("applies httpsOnlyForPublic to every hop", async () => {
    const resolver = fakeResolver({ "cdn.test": ["8.8.8.8"] });
    const server = await startServer(redirectTo("http://cdn.test/image.png"));
    await blocked(
      guardedFetch(server.origin, {
        ...base,
        resolver,
        httpsOnlyForPublic: true,
        allowHosts: [`127.0.0.1:${server.port}`],
      }),
      "https-required",
    );
    expect(resolver).not.toHaveBeenCalled();
  });

  it("stops after maxRedirects", async () => {
    const server = await startServer((req, res) => {
      const n = Number(req.url!.slice(1));
      redirectTo(`/${n + 1}`)(req, res, "");
    });
    const allowHosts = [`127.0.0.1:${server.port}`];
    await blocked(
      guardedFetch(`${server.origin}/0`, { ...base, allowHosts }),
      "too-many-redirects",
    );
    expect(server.requests.map((r) => r.url)).toEqual(["/0", "/1", "/2", "/3"]);

    server.requests.length = 0;
    await blocked(
      guardedFetch(`${server.origin}/0`, { ...base, allowHosts, maxRedirects: 0 }),
      "too-many-redirects",
    );
    expect(server.requests).toHaveLength(1);
  });

  it("returns a 3xx without Location as it is", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(304);
      res.end();
    });
    const response = await guardedFetch(server.origin, {
      ...base,
      allowHosts: [`127.0.0.1:${server.port}`],
    });
    expect(response.status).toBe(304);
  });

  it("drops sensitive headers after a cross-origin hop, even back to the first origin", async () => {
    const second = await startServer((req, res) => {
      if (req.url === "/back") return redirectTo(`${first.origin}/end`)(req, res, "");
      res.end("second");
    });
    const first: TestServer = await startServer((req, res) => {
      if (req.url === "/same") return redirectTo("/cross")(req, res, "");
      if (req.url === "/cross") return redirectTo(`${second.origin}/back`)(req, res, "");
      res.end("first");
    });
    const response = await guardedFetch(`${first.origin}/same`, {
      ...base,
      headers: {
        "Ocp-Apim-Subscription-Key": "secret-key",
        Authorization: "Bearer t",
        Cookie: "s=1",
        "X-Trace": "t1",
      },
      sensitiveHeaders: ["ocp-apim-subscription-key"],
      allowHosts: [`127.0.0.1:${first.port}`, `127.0.0.1:${second.port}`],
    });
    expect(response.body.toString()).toBe("first");
    expect(response.url).toBe(`${first.origin}/end`);

    const hops = [...first.requests, ...second.requests].map((r) => [r.url, r.headers] as const);
    const byUrl = Object.fromEntries(hops);
    for (const url of ["/same", "/cross"]) {
      expect(byUrl[url]["ocp-apim-subscription-key"]).toBe("secret-key");
      expect(byUrl[url].authorization).toBe("Bearer t");
      expect(byUrl[url].cookie).toBe("s=1");
    }
    for (const url of ["/back", "/end"]) {
      expect(byUrl[url]["ocp-apim-subscription-key"]).toBeUndefined();
      expect(byUrl[url].authorization).toBeUndefined();
      expect(byUrl[url].cookie).toBeUndefined();
      expect(byUrl[url]["x-trace"]).toBe("t1");
    }
  });

  it("turns POST into GET on 303 and keeps it on 307", async () => {
    const server = await startServer((req, res, body) => {
      if (req.url === "/see-other") return redirectTo("/result", 303)(req, res, "");
      if (req.url === "/temporary") return redirectTo("/result", 307)(req, res, "");
      res.end(`${req.method} ${body}`);
    });
    const opts = {
      ...base,
      method: "POST" as const,
      body: "payload",
      headers: { "content-type": "text/plain" },
      allowHosts: [`127.0.0.1:${server.port}`],
    };
    const seeOther = await guardedFetch(`${server.origin}/see-other`, opts);
    expect(seeOther.body.toString()).toBe("GET ");
    expect(server.requests[1].headers["content-type"]).toBeUndefined();

    const temporary = await guardedFetch(`${server.origin}/temporary`, opts);
    expect(temporary.body.toString()).toBe("POST payload");
  });
});

describe("guardedFetch limits", () => {
  it("refuses a body whose Content-Length is over maxBytes before reading it", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-length": "1000" });
      res.end(Buffer.alloc(1000));
    });
    const opts = { ...base, maxBytes: 100, allowHosts: [`127.0.0.1:${server.port}`] };
    await limited(guardedFetch(server.origin, opts), "size");
  });

  it("aborts a body without Content-Length as soon as it passes maxBytes", async () => {
    let timer: NodeJS.Timeout | undefined;
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      // Never ends by itself: only the size cap can finish this fetch in time.
      timer = setInterval(() => res.write(Buffer.alloc(64)), 5);
      res.on("close", () => clearInterval(timer));
    });
    const started = Date.now();
    const opts = { ...base, maxBytes: 500, allowHosts: [`127.0.0.1:${server.port}`] };
    await limited(guardedFetch(server.origin, opts), "size");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.requests[0].headers["content-length"]).toBeUndefined();
    clearInterval(timer);
  });

  it("accepts a body of exactly maxBytes", async () => {
    const server = await startServer((_req, res) => res.end(Buffer.alloc(100, 1)));
    const opts = { ...base, maxBytes: 100, allowHosts: [`127.0.0.1:${server.port}`] };
    expect((await guardedFetch(server.origin, opts)).body).toHaveLength(100);
  });

  it("times out a server that never answers", async () => {
    const server = await startServer(() => {});
    const started = Date.now();
    const opts = { ...base, timeoutMs: 200, allowHosts: [`127.0.0.1:${server.port}`] };
    await limited(guardedFetch(server.origin, opts), "timeout");
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("times out a body that stalls after the headers", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("partial");
    });
    const opts = { ...base, timeoutMs: 200, allowHosts: [`127.0.0.1:${server.port}`] };
    await limited(guardedFetch(server.origin, opts), "timeout");
  });

  it("counts the timeout across all redirect hops", async () => {
    const server = await startServer((req, res) => {
      const n = Number(req.url!.slice(1));
      setTimeout(() => (n < 3 ? redirectTo(`/${n + 1}`)(req, res, "") : res.end("done")), 120);
    });
    const opts = { ...base, timeoutMs: 300, allowHosts: [`127.0.0.1:${server.port}`] };
    await limited(guardedFetch(`${server.origin}/0`, opts), "timeout");
  });

  it("stops when the caller's signal aborts, with the caller's reason", async () => {
    const server = await startServer(() => {});
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    setTimeout(() => controller.abort(reason), 50);
    const opts = {
      ...base,
      signal: controller.signal,
      allowHosts: [`127.0.0.1:${server.port}`],
    };
    await expect(guardedFetch(server.origin, opts)).rejects.toBe(reason);
  });
});

// A throwaway self-signed certificate, made at run time so no key is committed.
function selfSignedCert(): { key: Buffer; cert: Buffer } | null {
  const dir = mkdtempSync(path.join(tmpdir(), "guarded-fetch-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=gateway.test",
      ].concat(["-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")]),
      { stdio: "ignore" },
    );
    return {
      key: readFileSync(path.join(dir, "key.pem")),
      cert: readFileSync(path.join(dir, "cert.pem")),
    };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tls = selfSignedCert();

describe.skipIf(!tls)("guardedFetch over https", () => {
  async function startTlsServer() {
    const serverNames: string[] = [];
    let connections = 0;
    const server = https.createServer(
      {
        ...tls!,
        SNICallback: (name, callback) => {
          serverNames.push(name);
          callback(null);
        },
      },
      (_req, res) => res.end("hello"),
    );
    server.on("connection", () => connections++);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    const { port } = server.address() as AddressInfo;
    return { port, serverNames, connections: () => connections };
  }

  it("connects to the checked address but sends the URL's name as SNI, verifying the cert", async () => {
    const server = await startTlsServer();
    const resolver = fakeResolver({ "gateway.test": ["127.0.0.1"] });
    const error = await guardedFetch(`https://gateway.test:${server.port}/`, {
      ...base,
      resolver,
      allowHosts: [`gateway.test:${server.port}`],
    }).catch((caught: NodeJS.ErrnoException) => caught);
    // Certificate checks stay on: the self-signed test cert must be refused.
    expect(error).toBeInstanceOf(Error);
    expect((error as NodeJS.ErrnoException).code).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
    expect(server.serverNames).toEqual(["gateway.test"]);
  });

  it("blocks https to a private address that is not allow-listed", async () => {
    const server = await startTlsServer();
    const resolver = fakeResolver({ "gateway.test": ["127.0.0.1"] });
    const opts = { ...base, resolver, httpsOnlyForPublic: true };
    await blocked(guardedFetch(`https://127.0.0.1:${server.port}/`, opts), "address");
    await blocked(guardedFetch(`https://gateway.test:${server.port}/`, opts), "address");
    await settle();
    expect(server.connections()).toBe(0);
  });
});
