import { describe, expect, it } from "vitest";
import { formatCount, formatDuration } from "./format";

describe("formatDuration", () => {
  it("prints milliseconds below a second", () => {
    expect(formatDuration(0)).toBe("0 ms");
    expect(formatDuration(420.4)).toBe("420 ms");
    expect(formatDuration(999.4)).toBe("999 ms");
  });

  it("prints seconds with one decimal below ten, whole above", () => {
    expect(formatDuration(999.6)).toBe("1.0 s");
    expect(formatDuration(4_240)).toBe("4.2 s");
    expect(formatDuration(9_960)).toBe("10 s");
    expect(formatDuration(42_400)).toBe("42 s");
  });

  it("prints minutes and seconds, then hours and minutes", () => {
    expect(formatDuration(59_600)).toBe("1 min 0 s");
    expect(formatDuration(242_000)).toBe("4 min 2 s");
    expect(formatDuration(3_900_000)).toBe("1 h 5 min");
  });

  it("shows a dash for unknown or negative spans", () => {
    expect(formatDuration(null)).toBe("–");
    expect(formatDuration(undefined)).toBe("–");
    expect(formatDuration(Number.NaN)).toBe("–");
    expect(formatDuration(-1)).toBe("–");
  });
});

describe("formatCount", () => {
  it("groups thousands of whole numbers", () => {
    expect(formatCount(499_998)).toBe("499,998");
    expect(formatCount(1234.6)).toBe("1,235");
  });

  it("shows a dash when unknown", () => {
    expect(formatCount(null)).toBe("–");
    expect(formatCount(Number.NaN)).toBe("–");
  });
});
