import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "./content-policy";

describe("contentSecurityPolicy", () => {
  it("allows scripts only with the response's nonce and keeps pages out of frames", () => {
    const csp = contentSecurityPolicy("abc123", false);
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain(" 'unsafe-eval'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("img-src 'self' blob: data:");
    expect(csp).toContain("connect-src 'self' blob: data:");
    expect(csp).toContain("object-src 'none'");
  });

  it("lets the development server evaluate and hot-reload", () => {
    expect(contentSecurityPolicy("n", true)).toContain("'unsafe-eval'");
  });

  it("makes a fresh nonce each time", () => {
    expect(newNonce()).not.toBe(newNonce());
    expect(newNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
