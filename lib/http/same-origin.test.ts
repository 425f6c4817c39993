import { describe, expect, it } from "vitest";
import { sameOrigin } from "./same-origin";

function post(headers: Record<string, string>) {
  return new Request("http://127.0.0.1:3000/api/uploads", { method: "POST", headers });
}

describe("sameOrigin", () => {
  it("accepts the studio's own pages", () => {
    expect(sameOrigin(post({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }))).toBe(true);
    expect(
      sameOrigin(post({ host: "10.0.0.5:3000", origin: "https://studio.example.com" }), [
        "studio.example.com",
      ]),
    ).toBe(true);
  });

  it("refuses another site's page, including a rebinding name", () => {
    expect(sameOrigin(post({ host: "127.0.0.1:3000", origin: "https://evil.example" }))).toBe(false);
    expect(sameOrigin(post({ host: "127.0.0.1:3000", origin: "null" }))).toBe(false);
    expect(sameOrigin(post({ host: "127.0.0.1:3000", "sec-fetch-site": "cross-site" }))).toBe(false);
  });

  it("lets a request without Origin through (not a browser's cross-site request)", () => {
    expect(sameOrigin(post({ host: "127.0.0.1:3000" }))).toBe(true);
  });
});
