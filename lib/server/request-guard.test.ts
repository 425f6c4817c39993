import { describe, expect, it } from "vitest";
import { clientAddress, clientProto, hostAllowed, isLoopbackAddress } from "./request-guard";

describe("clientAddress", () => {
  it("uses the socket's address when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("203.0.113.7", "1.2.3.4", 0)).toBe("203.0.113.7");
    expect(clientAddress("::ffff:203.0.113.7", undefined, 0)).toBe("203.0.113.7");
  });

  it("takes the trusted hop from the right, so entries a client prepends are ignored", () => {
    // The client forged "6.6.6.6"; the one proxy appended the address it saw.
    expect(clientAddress("10.0.0.2", "6.6.6.6, 198.51.100.4", 1)).toBe("198.51.100.4");
    expect(clientAddress("10.0.0.2", ["6.6.6.6", "198.51.100.4, 10.0.0.1"], 2)).toBe(
      "198.51.100.4",
    );
  });

  it("falls back to the socket when the chain is shorter than the trusted hops", () => {
    expect(clientAddress("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
    expect(clientAddress(undefined, undefined, 0)).toBe("unknown");
  });
});

describe("clientProto", () => {
  it("believes X-Forwarded-Proto only from a trusted proxy", () => {
    expect(clientProto(false, "https", 0)).toBe("http");
    expect(clientProto(false, "http, https", 1)).toBe("https");
    expect(clientProto(true, undefined, 0)).toBe("https");
  });
});

describe("hostAllowed", () => {
  it("answers loopback names and configured hosts, and nothing a rebinding domain names", () => {
    expect(hostAllowed("localhost:3000", [])).toBe(true);
    expect(hostAllowed("127.0.0.1:3000", [])).toBe(true);
    expect(hostAllowed("[::1]:3000", [])).toBe(true);
    expect(hostAllowed("studio.example.com", ["studio.example.com"])).toBe(true);
    expect(hostAllowed("attacker.example:3000", ["studio.example.com"])).toBe(false);
    expect(hostAllowed("192.168.1.20:3000", [])).toBe(false);
    expect(hostAllowed(undefined, [])).toBe(false);
  });

  it("knows loopback addresses", () => {
    expect(isLoopbackAddress("127.0.0.1")).toBe(true);
    expect(isLoopbackAddress("::ffff:127.0.0.1")).toBe(true);
    expect(isLoopbackAddress("0.0.0.0")).toBe(false);
  });
});
