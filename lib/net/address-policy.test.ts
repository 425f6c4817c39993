import { describe, expect, it } from "vitest";
import {
  classifyAddress,
  isPublicAddress,
  matchesHostPattern,
  parseHostPattern,
} from "./address-policy";

describe("isPublicAddress", () => {
  const table: [string, boolean][] = [
    // Public
    ["8.8.8.8", true],
    ["1.1.1.1", true],
    ["93.184.215.14", true],
    ["172.32.0.1", true],
    ["100.128.0.1", true],
    ["2606:4700:4700::1111", true],
    ["2001:4860:4860::8888", true],
    ["::ffff:8.8.8.8", true],
    // IPv4 non-public
    ["127.0.0.1", false],
    ["127.255.255.254", false],
    ["10.0.0.1", false],
    ["172.16.0.1", false],
    ["172.31.255.255", false],
    ["192.168.1.1", false],
    ["169.254.169.254", false],
    ["100.64.0.1", false],
    ["100.127.255.255", false],
    ["0.0.0.0", false],
    ["0.1.2.3", false],
    ["224.0.0.1", false],
    ["239.255.255.250", false],
    ["255.255.255.255", false],
    ["240.0.0.1", false],
    ["192.0.2.1", false],
    ["198.51.100.7", false],
    ["203.0.113.9", false],
    ["198.18.0.1", false],
    // IPv6 non-public
    ["::1", false],
    ["::", false],
    ["fc00::1", false],
    ["fd00::1", false],
    ["fe80::1", false],
    ["fe80::1%eth0", false],
    ["ff02::1", false],
    ["2001:db8::1", false],
    ["fec0::1", false],
    // IPv4 hidden in IPv6
    ["::ffff:127.0.0.1", false],
    ["::ffff:7f00:1", false],
    ["0:0:0:0:0:ffff:7f00:1", false],
    ["::ffff:10.0.0.1", false],
    ["::ffff:169.254.169.254", false],
    ["::127.0.0.1", false],
    ["::7f00:1", false],
    ["::1.2.3.4", false],
    ["::ffff:0:7f00:1", false],
    ["64:ff9b::7f00:1", false],
    ["64:ff9b::a00:1", false],
    ["2002:7f00:1::1", false],
    ["2002:a00:1::1", false],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", false],
    // Not addresses Node would connect to as literals
    ["2130706433", false],
    ["0x7f.1", false],
    ["017700000001", false],
    ["010.0.0.1", false],
    ["127.1", false],
    ["localhost", false],
    ["", false],
  ];

  it.each(table)("%s → public %s", (ip, expected) => {
    expect(isPublicAddress(ip)).toBe(expected);
  });

  it("names the range it refused", () => {
    expect(classifyAddress("169.254.169.254")).toBe("linkLocal");
    expect(classifyAddress("::ffff:127.0.0.1")).toBe("loopback");
    expect(classifyAddress("fd00::1")).toBe("uniqueLocal");
    expect(classifyAddress("100.64.0.1")).toBe("carrierGradeNat");
    expect(classifyAddress("::7f00:1")).toBe("ipv4Compatible");
    expect(classifyAddress("0x7f.1")).toBe("invalid");
  });
});

describe("allow-list patterns", () => {
  const url = (raw: string) => new URL(raw);

  it("parses host, host:port, bracketed and bare IPv6, normalising the host", () => {
    expect(parseHostPattern("127.0.0.1:3000")).toEqual({ host: "127.0.0.1", port: 3000 });
    expect(parseHostPattern("Gateway.Pixazo.AI")).toEqual({
      host: "gateway.pixazo.ai",
      port: null,
    });
    expect(parseHostPattern("gateway.pixazo.ai.:443")).toEqual({
      host: "gateway.pixazo.ai",
      port: 443,
    });
    expect(parseHostPattern("[::1]:8080")).toEqual({ host: "[::1]", port: 8080 });
    expect(parseHostPattern("::1")).toEqual({ host: "[::1]", port: null });
    expect(parseHostPattern("0x7f.1:80")).toEqual({ host: "127.0.0.1", port: 80 });
  });

  it("rejects malformed entries", () => {
    for (const bad of ["", "http://x", "a@b", "host:port", "host:0", "host:70000", "a/b", "[::1"]) {
      expect(() => parseHostPattern(bad), bad).toThrow(TypeError);
    }
  });

  it("matches on normalised hostname and port", () => {
    const gateway = [parseHostPattern("127.0.0.1:3000")];
    expect(matchesHostPattern(url("http://127.0.0.1:3000/x"), gateway)).toBe(true);
    expect(matchesHostPattern(url("http://2130706433:3000/x"), gateway)).toBe(true);
    expect(matchesHostPattern(url("http://127.0.0.1:3001/x"), gateway)).toBe(false);
    expect(matchesHostPattern(url("http://127.0.0.1/x"), gateway)).toBe(false);
    expect(matchesHostPattern(url("http://127.0.0.2:3000/x"), gateway)).toBe(false);
  });

  it("treats a missing port as the scheme's default port", () => {
    const gateway = [parseHostPattern("gateway.pixazo.ai")];
    expect(matchesHostPattern(url("https://GATEWAY.pixazo.ai/v1"), gateway)).toBe(true);
    expect(matchesHostPattern(url("https://gateway.pixazo.ai.:443/v1"), gateway)).toBe(true);
    expect(matchesHostPattern(url("http://gateway.pixazo.ai/v1"), gateway)).toBe(true);
    expect(matchesHostPattern(url("https://gateway.pixazo.ai:8443/v1"), gateway)).toBe(false);
    expect(matchesHostPattern(url("https://evil.gateway.pixazo.ai/"), gateway)).toBe(false);
    expect(matchesHostPattern(url("https://gateway.pixazo.ai.evil.test/"), gateway)).toBe(false);
  });

  it("matches IPv6 hosts in either written form", () => {
    const patterns = [parseHostPattern("[0:0::1]:8080")];
    expect(matchesHostPattern(url("http://[::1]:8080/"), patterns)).toBe(true);
    expect(matchesHostPattern(url("http://[::1]:8081/"), patterns)).toBe(false);
  });
});
