import type { LookupAddress, LookupOptions } from "node:dns";
import { describe, expect, it, vi } from "vitest";
import { BlockedUrlError } from "./errors";
import { createGuardedLookup, type ResolvedAddress, type Resolver } from "./guarded-lookup";

function fakeResolver(answers: Record<string, ResolvedAddress[]>) {
  return vi.fn<Resolver>(async (host) => answers[host] ?? []);
}

interface LookupResult {
  error: NodeJS.ErrnoException | null;
  address: string | LookupAddress[];
  family?: number;
}

// Calls the lookup exactly as net.connect does and captures what the socket would be handed.
function runLookup(
  resolver: Resolver,
  requirePublic: boolean,
  host: string,
  options: LookupOptions = {},
): Promise<LookupResult> {
  return new Promise((resolve) => {
    createGuardedLookup(resolver, requirePublic)(host, options, (error, address, family) =>
      resolve({ error, address, family }),
    );
  });
}

const answers: Record<string, ResolvedAddress[]> = {
  "public.test": [{ address: "93.184.215.14", family: 4 }],
  "dual.test": [
    { address: "2606:4700:4700::1111", family: 6 },
    { address: "1.1.1.1", family: 4 },
  ],
  "mixed.test": [
    { address: "93.184.215.14", family: 4 },
    { address: "10.0.0.1", family: 4 },
  ],
  "rebind.test": [{ address: "127.0.0.1", family: 4 }],
  "mapped.test": [{ address: "::ffff:127.0.0.1", family: 6 }],
  "liar.test": [{ address: "127.0.0.1", family: 6 }],
  "junk.test": [{ address: "not-an-ip", family: 4 }],
};

describe("createGuardedLookup", () => {
  it("hands the socket the checked public address", async () => {
    const resolver = fakeResolver(answers);
    const result = await runLookup(resolver, true, "public.test");
    expect(result).toEqual({ error: null, address: "93.184.215.14", family: 4 });
    expect(resolver).toHaveBeenCalledTimes(1);
    expect(resolver).toHaveBeenCalledWith("public.test");
  });

  it("returns every checked address when Node asks for all (autoSelectFamily)", async () => {
    const result = await runLookup(fakeResolver(answers), true, "dual.test", { all: true });
    expect(result.error).toBeNull();
    expect(result.address).toEqual([
      { address: "2606:4700:4700::1111", family: 6 },
      { address: "1.1.1.1", family: 4 },
    ]);
  });

  it("honours a requested family", async () => {
    const v4 = await runLookup(fakeResolver(answers), true, "dual.test", { family: 4 });
    expect(v4).toEqual({ error: null, address: "1.1.1.1", family: 4 });
    const v6 = await runLookup(fakeResolver(answers), true, "public.test", { family: 6 });
    expect(v6.error?.code).toBe("ENOTFOUND");
  });

  it.each(["mixed.test", "rebind.test", "mapped.test"])("refuses %s", async (host) => {
    for (const all of [false, true]) {
      const result = await runLookup(fakeResolver(answers), true, host, { all });
      expect(result.error).toBeInstanceOf(BlockedUrlError);
      expect((result.error as BlockedUrlError).reason).toBe("address");
      expect(result.address).toBe("");
    }
  });

  it("derives the family from the address, not from the resolver", async () => {
    const result = await runLookup(fakeResolver(answers), false, "liar.test");
    expect(result).toEqual({ error: null, address: "127.0.0.1", family: 4 });
  });

  it("lets an allow-listed host resolve privately but still refuses non-addresses", async () => {
    const resolver = fakeResolver(answers);
    expect(await runLookup(resolver, false, "rebind.test")).toEqual({
      error: null,
      address: "127.0.0.1",
      family: 4,
    });
    const junk = await runLookup(resolver, false, "junk.test");
    expect(junk.error).toBeInstanceOf(BlockedUrlError);
  });

  it("reports an empty answer as ENOTFOUND and passes resolver errors through", async () => {
    const empty = await runLookup(fakeResolver(answers), true, "nothing.test");
    expect(empty.error?.code).toBe("ENOTFOUND");

    const failure = Object.assign(new Error("boom"), { code: "EAI_AGAIN" });
    const failing = await runLookup(async () => Promise.reject(failure), true, "x.test");
    expect(failing.error).toBe(failure);
  });
});
