import { describe, expect, it } from "vitest";
import { backoffMs, nextAfterFailure, notSoonerThan, pollDelayMs } from "./retry-policy";

describe("retry policy", () => {
  it("polls sooner after submit, then every 5 s, never under a second", () => {
    expect(pollDelayMs(0, false)).toBe(1000);
    expect(pollDelayMs(10, false)).toBe(5000);
    expect(pollDelayMs(10, true)).toBeGreaterThan(5000);
  });
  it("backs off exponentially with jitter and a cap", () => {
    expect(backoffMs(1, () => 0)).toBe(1000);
    expect(backoffMs(4, () => 1)).toBe(8000);
    expect(backoffMs(4, () => 0)).toBe(4000);
    expect(backoffMs(30, () => 1)).toBe(60_000);
  });
  it("honours Retry-After", () => {
    expect(nextAfterFailure(1, 7000)).toBe(7000);
    expect(nextAfterFailure(1, 0)).toBe(1000);
  });
  it("never reads one job more than once a second", () => {
    expect(notSoonerThan(1000, 500)).toBe(1500);
    expect(notSoonerThan(5000, 500)).toBe(5000);
  });
});
