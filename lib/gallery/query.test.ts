import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";
import { galleryQuery, galleryQueryParams, readGalleryQuery } from "./query";
import { searchNeedle, searchTextOf } from "./search-text";

const read = (s: string) => readGalleryQuery(new URLSearchParams(s));

describe("the gallery's query in the URL", () => {
  it("reads what it writes, leaving defaults out", () => {
    const query = {
      q: "red fox",
      kind: "image" as const,
      state: "failed" as const,
      from: "2026-01-01",
      to: "2026-02-01",
      favorites: true as const,
      sort: "oldest" as const,
    };
    const params = galleryQueryParams(query);
    expect(read(params.toString())).toEqual({ query, problems: [] });
    expect(galleryQueryParams({ sort: "newest" }).toString()).toBe("");
  });

  it("keeps the good fields and names the bad ones", () => {
    const r = read("q=fox&kind=video&from=2026-02-30&model=hunyuan-image");
    expect(r.query).toEqual({ q: "fox", model: "hunyuan-image" });
    expect(r.problems.length).toBe(2);
  });

  it("refuses a date range whose end is before its start", () => {
    const r = read("from=2026-05-02&to=2026-05-01");
    expect(r.problems).toContain("The end date is before the start date.");
  });

  it("refuses 10,000 characters of search and drops lone surrogates", () => {
    expect(read(`q=${"a".repeat(10_000)}`).problems[0]).toMatch(/at most 200/);
    expect(galleryQuery.parse({ q: "fox\uD800" }).q).toBe("fox");
  });
});

describe("cursors", () => {
  it("round-trip and read a tampered one as none", () => {
    const c = { createdAt: new Date("2026-03-01T10:00:00.123Z"), id: crypto.randomUUID() };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor("not-a-cursor")).toBeNull();
    expect(decodeCursor(Buffer.from("123.'; DROP TABLE").toString("base64url"))).toBeNull();
    expect(decodeCursor("x".repeat(500))).toBeNull();
  });
});

describe("search text", () => {
  it("has no LIKE wildcards left, in the text or in the needle", () => {
    expect(searchTextOf("100% Snake_Case", "NO")).not.toMatch(/[%_A-Z]/);
    expect(searchTextOf("100% x").includes(searchNeedle("0%"))).toBe(true);
    expect(searchTextOf("100 x").includes(searchNeedle("0%"))).toBe(false);
  });
});
