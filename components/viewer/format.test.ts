import { describe, expect, it } from "vitest";
import { fileNameFromTitle, formatBytes, formatSaving } from "./format";

describe("formatBytes", () => {
  it("prints bytes below one kilobyte as whole bytes", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
  });

  it("uses binary units with one decimal below 100", () => {
    expect(formatBytes(1024)).toBe("1.0 KB");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(5.5 * 1024 * 1024)).toBe("5.5 MB");
    expect(formatBytes(3 * 1024 ** 3)).toBe("3.0 GB");
  });

  it("drops the decimal from 100 upwards and never prints 1024 of a unit", () => {
    expect(formatBytes(512 * 1024)).toBe("512 KB");
    expect(formatBytes(1024 * 1024 - 10)).toBe("1.0 MB");
  });

  it("shows a dash for unknown sizes", () => {
    expect(formatBytes(null)).toBe("–");
    expect(formatBytes(undefined)).toBe("–");
    expect(formatBytes(Number.NaN)).toBe("–");
    expect(formatBytes(-1)).toBe("–");
  });
});

describe("formatSaving", () => {
  it("prints the preview's saving against the original", () => {
    expect(formatSaving(10_000, 1_800)).toBe("−82%");
    expect(formatSaving(null, 1_800)).toBeNull();
    expect(formatSaving(0, 1_800)).toBeNull();
  });
});

describe("fileNameFromTitle", () => {
  it("makes a lowercase slug", () => {
    expect(fileNameFromTitle("A red Chair, low-poly!", "png")).toBe("a-red-chair-low-poly.png");
    expect(fileNameFromTitle("Café crème", "png")).toBe("cafe-creme.png");
  });

  it("falls back when nothing is left", () => {
    expect(fileNameFromTitle("  ✨✨ ", "png")).toBe("mesh.png");
  });

  it("caps the length", () => {
    expect(fileNameFromTitle("x".repeat(200), "png")).toBe(`${"x".repeat(60)}.png`);
  });
});
