import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "./request-guard";
import { createStudioServer } from "./studio-server";

let server: http.Server | undefined;

afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function start(settings: Parameters<typeof createStudioServer>[0]) {
  const seen: http.IncomingHttpHeaders[] = [];
  server = createStudioServer(settings, (req, res) => {
    seen.push(req.headers);
    res.end("ok");
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  const port = (server!.address() as AddressInfo).port;
  const ask = (headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, path: "/", headers }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
  return { ask, seen, port };
}

describe("the studio's HTTP server", () => {
  it("with a real key and no password answers only to loopback and configured names", async () => {
    const { ask, port } = await start({
      loopbackOnly: true,
      allowedHosts: ["studio.example.com"],
      trustedProxyHops: 0,
    });
    expect(await ask({ host: `attacker.example:${port}` })).toBe(421);
    expect(await ask({ host: `192.168.1.20:${port}` })).toBe(421);
    expect(await ask({ host: `localhost:${port}` })).toBe(200);
    expect(await ask({ host: `127.0.0.1:${port}` })).toBe(200);
    expect(await ask({ host: "studio.example.com" })).toBe(200);
  });

  it("otherwise answers any Host (a password guards it)", async () => {
    const { ask } = await start({ loopbackOnly: false, allowedHosts: [], trustedProxyHops: 0 });
    expect(await ask({ host: "studio.lan:3000" })).toBe(200);
  });

  it("names the client by its socket and drops forwarding headers a client wrote", async () => {
    const { ask, seen } = await start({
      loopbackOnly: false,
      allowedHosts: [],
      trustedProxyHops: 0,
    });
    await ask({ "x-forwarded-for": "6.6.6.6", [CLIENT_ADDRESS_HEADER]: "7.7.7.7" });
    expect(seen[0][CLIENT_ADDRESS_HEADER]).toBe("127.0.0.1");
    expect(seen[0]["x-forwarded-for"]).toBeUndefined();
  });

  it("behind a trusted proxy takes the hop it appended", async () => {
    const { ask, seen } = await start({
      loopbackOnly: false,
      allowedHosts: [],
      trustedProxyHops: 1,
    });
    await ask({ "x-forwarded-for": "6.6.6.6, 198.51.100.9" });
    expect(seen[0][CLIENT_ADDRESS_HEADER]).toBe("198.51.100.9");
  });
});
