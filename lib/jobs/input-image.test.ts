import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { StudioEnv } from "@/lib/env";

let current: Partial<StudioEnv>;
vi.mock("@/lib/env", () => ({ env: () => current }));
// Only the address rule is tested here; the input's records and files are not reached.
vi.mock("@/lib/db/outputs", () => ({}));
vi.mock("@/lib/media/store", () => ({}));

const { hostReach, ownBaseForGateway, publicBaseVerdict, InputImageError } =
  await import("./input-image");

describe("publicBaseVerdict", () => {
  const urls = { publicBaseUrl: "http://10.0.0.5:3000", gatewayUrl: "https://gw.test" };

  it.each([
    ["public", "public", "ok"],
    ["public", "private", "ok"],
    ["public", "unknown", "ok"],
    ["private", "public", "refuse"],
    ["unknown", "public", "refuse"],
    // A gateway that cannot be placed may be public: refuse, as before.
    ["private", "unknown", "refuse"],
    ["unknown", "unknown", "refuse"],
    // A self-hosted gateway or proxy on a private network may reach a private studio.
    ["private", "private", "warn"],
    ["unknown", "private", "warn"],
  ] as const)("studio %s, gateway %s: %s", (studio, gateway, verdict) => {
    expect(publicBaseVerdict({ ...urls, studio, gateway }).verdict).toBe(verdict);
  });

  it("names the address to fix when it refuses, and both addresses when it warns", () => {
    const refused = publicBaseVerdict({ ...urls, studio: "private", gateway: "public" });
    expect(refused.verdict === "refuse" && refused.message).toContain(
      "PUBLIC_BASE_URL (http://10.0.0.5:3000)",
    );
    const warned = publicBaseVerdict({ ...urls, studio: "private", gateway: "private" });
    expect(warned.verdict === "warn" && warned.message).toContain("https://gw.test");
  });
});

describe("hostReach", () => {
  it.each([
    ["https://8.8.8.8/", "public"],
    ["http://127.0.0.1:4010/gw", "private"],
    ["http://10.1.2.3", "private"],
    ["http://192.168.1.20:8080", "private"],
    ["http://[::1]:3000", "private"],
    ["http://[2001:4860:4860::8888]/", "public"],
    ["http://localhost:3000", "private"],
    ["http://no-such-host.invalid", "unknown"],
  ])("%s is %s", async (url, expected) => {
    expect(await hostReach(url)).toBe(expected);
  });
});

describe("ownBaseForGateway", () => {
  let warn: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it("accepts a private PUBLIC_BASE_URL beside a private gateway, warning once", async () => {
    current = {
      mode: "pixazo",
      publicBaseUrl: "http://192.168.1.20:3000",
      gatewayUrl: "http://10.0.0.7:8080",
    };
    expect(await ownBaseForGateway()).toBe("http://192.168.1.20:3000");
    expect(await ownBaseForGateway()).toBe("http://192.168.1.20:3000");
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain("PUBLIC_BASE_URL");
  });

  it("refuses a private PUBLIC_BASE_URL when the gateway is public", async () => {
    current = {
      mode: "pixazo",
      publicBaseUrl: "http://192.168.1.20:3000",
      gatewayUrl: "https://8.8.8.8",
    };
    await expect(ownBaseForGateway()).rejects.toBeInstanceOf(InputImageError);
    await expect(ownBaseForGateway()).rejects.toThrow("points at a private address");
  });

  it("accepts a public PUBLIC_BASE_URL without a word, and asks for one when it is missing", async () => {
    current = { mode: "pixazo", publicBaseUrl: "https://1.1.1.1", gatewayUrl: "https://8.8.8.8" };
    expect(await ownBaseForGateway()).toBe("https://1.1.1.1");
    expect(warn).not.toHaveBeenCalled();
    current = { mode: "pixazo", gatewayUrl: "http://127.0.0.1:8080" };
    await expect(ownBaseForGateway()).rejects.toThrow("set PUBLIC_BASE_URL");
  });
});
