import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

const base = { DATA_DIR: "/tmp/studio-env-test" };

describe("configuration", () => {
  it("runs on the sandbox with nothing configured", () => {
    const e = parseEnv({ ...base });
    expect(e.mode).toBe("sandbox");
    expect(e.gatewayUrl).toBe("http://127.0.0.1:3000/sandbox");
    expect(e.port).toBe(3000);
    expect(e.maxInFlight).toBe(4);
    expect(e.databaseUrl).toBe("file:/tmp/studio-env-test/studio.db");
    expect(e.mediaDir).toBe("/tmp/studio-env-test/media");
  });

  it("uses the real gateway when a key is set", () => {
    const e = parseEnv({ ...base, PIXAZO_API_KEY: "abcdefgh1234", STUDIO_PASSWORD: "long enough" });
    expect(e.mode).toBe("pixazo");
    expect(e.gatewayUrl).toBe("https://gateway.pixazo.ai");
    expect(e.apiKey).toBe("abcdefgh1234");
  });

  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ PIXAZO_GATEWAY_URL: "ftp://x" }, "PIXAZO_GATEWAY_URL"],
    [{ PUBLIC_BASE_URL: "not a url" }, "PUBLIC_BASE_URL"],
    [{ GATEWAY_MAX_IN_FLIGHT: "0" }, "GATEWAY_MAX_IN_FLIGHT"],
    [{ STUDIO_PASSWORD: "short" }, "STUDIO_PASSWORD"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ PIXAZO_API_KEY: "abcdefgh1234", NODE_ENV: "production" }, "STUDIO_PASSWORD"],
    [{ PIXAZO_GATEWAY_URL: "http://gateway.pixazo.ai" }, "PIXAZO_GATEWAY_URL"],
    [{ PIXAZO_GATEWAY_URL: "http://8.8.8.8:8080" }, "PIXAZO_GATEWAY_URL"],
    [{ TRUSTED_PROXY_HOPS: "-1" }, "TRUSTED_PROXY_HOPS"],
  ])("refuses %j naming %s", (vars, name) => {
    expect(() => parseEnv({ ...base, ...vars })).toThrow(ConfigError);
    expect(() => parseEnv({ ...base, ...vars })).toThrow(name);
  });

  it.each(["http://127.0.0.1:9000", "http://10.1.2.3", "http://gateway.internal", "http://proxy:8080", "https://x.example"])(
    "accepts %s as a gateway URL (https, or http on a loopback or private host)",
    (url) => {
      expect(parseEnv({ ...base, PIXAZO_GATEWAY_URL: url }).gatewayUrl).toBe(url);
    },
  );

  it("keeps a real key without a password on loopback, and trusts no proxy unless told", () => {
    const open = parseEnv({ ...base, PIXAZO_API_KEY: "abcdefgh1234" });
    expect(open.loopbackOnly).toBe(true);
    expect(open.trustedProxyHops).toBe(0);
    const guarded = parseEnv({
      ...base,
      PIXAZO_API_KEY: "abcdefgh1234",
      STUDIO_PASSWORD: "long enough",
      PUBLIC_BASE_URL: "https://studio.example.com",
      TRUSTED_PROXY_HOPS: "1",
    });
    expect(guarded.loopbackOnly).toBe(false);
    expect(guarded.allowedHosts).toEqual(["studio.example.com"]);
    expect(guarded.trustedProxyHops).toBe(1);
    expect(parseEnv({ ...base }).loopbackOnly).toBe(false);
  });
});

describe("export settings", () => {
  it("runs one export at a time and keeps 512 MB of exports per output unless told", () => {
    const e = parseEnv({ ...base });
    expect(e.exportConcurrency).toBe(1);
    expect(e.exportMaxBytesPerOutput).toBe(512 * 1024 * 1024);
    const set = parseEnv({ ...base, EXPORT_CONCURRENCY: "2", EXPORT_MAX_MB_PER_OUTPUT: "64" });
    expect(set.exportConcurrency).toBe(2);
    expect(set.exportMaxBytesPerOutput).toBe(64 * 1024 * 1024);
  });

  it.each([
    [{ EXPORT_CONCURRENCY: "0" }, "EXPORT_CONCURRENCY"],
    [{ EXPORT_CONCURRENCY: "1.5" }, "EXPORT_CONCURRENCY"],
    [{ EXPORT_MAX_MB_PER_OUTPUT: "lots" }, "EXPORT_MAX_MB_PER_OUTPUT"],
  ])("refuses %o, naming %s", (vars, name) => {
    expect(() => parseEnv({ ...base, ...vars })).toThrow(name);
  });
});
