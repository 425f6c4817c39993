import { describe, expect, it } from "vitest";
import { backoffMs, nextAfterFailure, notSoonerThan, pollDelayMs } from "./retry-policy";

describe("retry policy", () => {
  it("polls sooner after submit, then every 5 s, never under a second", () => {
    expect(pollDelayMs(0, false)).toBe(1000);
    expect(pollDelayMs(10, false)).toBe(5000);
    expect(pollDelayMs(10, true)).toBeGreaterThan(5000);
  });
  it("with webhooks, reads only to catch a callback that never came", () => {
    // Once early, then two minutes on, then twice as far apart, at most ten minutes.
    expect([0, 1, 2, 3, 9].map((n) => pollDelayMs(n, true))).toEqual([
      3000, 120_000, 240_000, 480_000, 600_000,
    ]);
    // A model whose jobs take three minutes: the safety read after four and a half.
    expect(pollDelayMs(1, true, { elapsedMs: 3000, estimateMs: 180_000 })).toBe(270_000);
  });
  /** The read times (s after submit) of a job that ends at `endS`, with an estimate. */
  function reads(estimateS: number, endS: number): number[] {
    const times: number[] = [];
    let t = pollDelayMs(0, false, { elapsedMs: 0, estimateMs: estimateS * 1000 });
    for (let n = 1; n < 100; n++) {
      times.push(t / 1000);
      if (t >= endS * 1000) return times;
      t += pollDelayMs(n, false, { elapsedMs: t, estimateMs: estimateS * 1000 });
    }
    return times;
  }

  it("with an estimate, reads a job just before it is due, then every second", () => {
    expect(reads(5, 5)).toEqual([4.5, 5.5]);
    // Seen within a second of its end, with at most duration/5 + 2 reads.
    for (const d of [5, 30, 120]) {
      const at = reads(d, d);
      expect(at.at(-1)! - d).toBeLessThanOrEqual(1);
      expect(at.length).toBeLessThanOrEqual(d / 5 + 2);
    }
    // Late jobs are read less and less often; early ones are still seen at the next read.
    const late = reads(5, 40);
    expect(late.slice(0, 4)).toEqual([4.5, 5.5, 6.5, 7.5]);
    expect(late.at(-1)! - late.at(-2)!).toBe(5);
    expect(reads(30, 12)[0]).toBe(5);
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
