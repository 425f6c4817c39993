// Every edge of an output's state diagram, without a database.
import { describe, expect, it } from "vitest";
import { outputTransition, type IngestFault, type OutputFacts } from "./output-transitions";
import {
  DOWNLOAD_BACKOFF_CAP_MS,
  DOWNLOAD_GIVE_UP_AFTER_MS,
  FRESH_LINK_EVERY,
  backoffMs,
} from "./retry-policy";

const now = new Date("2030-01-01T12:00:00Z");
const at = (ms: number) => new Date(now.getTime() + ms);
const half = () => 0.5;
const released = { leaseOwner: null, leaseUntil: null };
const DAY = DOWNLOAD_GIVE_UP_AFTER_MS;

const pending = (facts: Partial<OutputFacts> = {}): OutputFacts => ({
  state: "PENDING",
  attempts: 0,
  failures: 0,
  firstFailedAt: null,
  needsFreshLink: false,
  sourceUrl: "https://cdn.example/1.png",
  ...facts,
});
const result = {
  mediaKey: "outputs/j/0.png",
  mimeType: "image/png",
  bytes: 10,
  width: 1,
  height: 1,
  thumbKey: "thumbs/j/0.webp",
  previewKey: null,
  previewBytes: null,
  triangles: null,
  vertices: null,
};
const timeout: IngestFault = {
  message: "The output download timed out.",
  retryable: true,
  gone: false,
};
const gone: IngestFault = {
  message: "The output link answered 403: the file is gone or expired.",
  retryable: true,
  gone: true,
};
const notImage: IngestFault = {
  message: "The gateway's output is not a PNG, JPEG or WebP image.",
  retryable: false,
  gone: false,
};
const failed = (facts: OutputFacts, error: IngestFault | null, freshLink = false, when = now) =>
  outputTransition(facts, { type: "downloadFailed", error, freshLink }, when, half)!;

describe("an output's download", () => {
  it("stores the file's facts and keeps a link that is not inline", () => {
    expect(outputTransition(pending({ attempts: 2 }), { type: "stored", result }, now)).toEqual({
      ...result,
      state: "STORED",
      attempts: 3,
      storedAt: now,
      errorMessage: null,
      ...released,
    });
  });

  it("drops an inline data URI once the file is stored", () => {
    const patch = outputTransition(
      pending({ sourceUrl: "data:image/png;base64,AAAA" }),
      { type: "stored", result },
      now,
    );
    expect(patch!.sourceUrl).toBe("data:,stored");
  });

  it("tries again with backoff, counting failures from the first one", () => {
    expect(failed(pending({ attempts: 1 }), timeout)).toEqual({
      attempts: 2,
      failures: 1,
      firstFailedAt: now,
      state: "PENDING",
      errorMessage: timeout.message,
      needsFreshLink: false,
      nextTryAt: at(backoffMs(1, half)),
      ...released,
    });
    const later = failed(pending({ failures: 4, firstFailedAt: at(-60_000) }), timeout);
    expect(later).toMatchObject({ failures: 5, firstFailedAt: at(-60_000) });
    expect(later.nextTryAt).toEqual(at(backoffMs(5, half)));
  });

  it("backs off up to half an hour, not past the give-up time", () => {
    const deep = failed(pending({ failures: 40, firstFailedAt: at(-3600_000) }), timeout);
    expect(deep.nextTryAt).toEqual(at(backoffMs(41, half, DOWNLOAD_BACKOFF_CAP_MS)));
    expect(deep.nextTryAt!.getTime() - now.getTime()).toBeLessThanOrEqual(DOWNLOAD_BACKOFF_CAP_MS);
    const last = failed(pending({ failures: 40, firstFailedAt: at(-DAY + 5000) }), timeout);
    expect(last).toMatchObject({ state: "PENDING", nextTryAt: at(5000) });
  });

  it("asks for a fresh link when the link is gone, and every few failures in a row", () => {
    expect(failed(pending(), gone)).toMatchObject({
      state: "PENDING",
      needsFreshLink: true,
      errorMessage: gone.message,
      nextTryAt: at(1000),
    });
    expect(failed(pending({ failures: FRESH_LINK_EVERY - 2 }), timeout).needsFreshLink).toBe(false);
    expect(failed(pending({ failures: FRESH_LINK_EVERY - 1 }), timeout).needsFreshLink).toBe(true);
  });

  it("keeps a link that answers gone going for the whole day, not three tries", () => {
    let facts = pending();
    let when = now;
    for (let i = 0; i < 200 && facts.state === "PENDING"; i++) {
      const patch = failed(facts, gone, true, when);
      facts = { ...facts, ...patch } as OutputFacts;
      if (patch.nextTryAt) when = patch.nextTryAt;
    }
    expect(facts.state).toBe("FAILED");
    expect(when.getTime() - now.getTime()).toBe(DAY);
    expect(facts.failures).toBeGreaterThan(40);
  });

  it("gives up a day after the first failure, saying what happened and what Fetch again does", () => {
    const patch = failed(pending({ failures: 50, firstFailedAt: at(-DAY) }), gone, true);
    expect(patch).toEqual({
      attempts: 1,
      failures: 51,
      firstFailedAt: at(-DAY),
      state: "FAILED",
      needsFreshLink: false,
      nextTryAt: null,
      errorMessage:
        "The output link answered 403: the file is gone or expired. The studio kept trying, with fresh links from the gateway, for 24 hours. Fetch again tries for another 24 hours, without sending the job again.",
      ...released,
    });
  });

  it("words a shorter window in its own units", () => {
    const facts = pending({ failures: 2, firstFailedAt: at(-4000) });
    const event = { type: "downloadFailed", error: gone } as const;
    expect(outputTransition(facts, event, now, half, 4000)!.errorMessage).toContain(
      "for 4 seconds. Fetch again tries for another 4 seconds",
    );
    expect(outputTransition(facts, event, now, half, 60_000)!.state).toBe("PENDING");
  });

  it("gives what trying again cannot mend one try with a fresh link, then fails", () => {
    expect(failed(pending(), notImage)).toMatchObject({
      state: "PENDING",
      needsFreshLink: true,
      attempts: 1,
    });
    expect(failed(pending({ failures: 1 }), notImage, true)).toMatchObject({
      state: "FAILED",
      errorMessage: notImage.message,
      nextTryAt: null,
    });
  });

  it("tries again after an unexpected error, with a plain message", () => {
    expect(failed(pending(), null)).toMatchObject({
      state: "PENDING",
      errorMessage: "The output could not be saved.",
    });
  });

  it.each(["STORED", "FAILED"])("means nothing to a %s output", (state) => {
    expect(outputTransition(pending({ state }), { type: "stored", result }, now)).toBeNull();
    expect(
      outputTransition(pending({ state }), { type: "downloadFailed", error: null }, now),
    ).toBeNull();
    expect(outputTransition(pending({ state }), { type: "freshLink", url: "x" }, now)).toBeNull();
  });
});

describe("fresh links", () => {
  it("takes the link the job's status gave and keeps the lease for the download", () => {
    const patch = outputTransition(
      pending({ needsFreshLink: true }),
      { type: "freshLink", url: "https://cdn.example/fresh.png" },
      now,
    );
    expect(patch).toEqual({ sourceUrl: "https://cdn.example/fresh.png", needsFreshLink: false });
  });

  it("counts a status read without a link as a failure and asks again", () => {
    const facts = pending({ needsFreshLink: true, failures: 1, firstFailedAt: at(-1000) });
    const patch = outputTransition(
      facts,
      { type: "freshLinkFailed", message: "The gateway is busy." },
      now,
      half,
    );
    expect(patch).toMatchObject({
      state: "PENDING",
      attempts: 0,
      failures: 2,
      needsFreshLink: true,
      errorMessage: "The gateway is busy.",
      nextTryAt: at(backoffMs(2, half)),
      ...released,
    });
  });

  it("waits, without counting a failure, when the status was read under a second ago", () => {
    const patch = outputTransition(
      pending({ needsFreshLink: true }),
      { type: "statusReadTooSoon", at: at(1000) },
      now,
    );
    expect(patch).toEqual({ nextTryAt: at(1000), ...released });
  });
});

describe("fetch again", () => {
  it("puts a FAILED output back to PENDING with a fresh link and a new window", () => {
    const facts = pending({ state: "FAILED", failures: 60, firstFailedAt: at(-DAY) });
    expect(outputTransition(facts, { type: "fetchAgain" }, now)).toEqual({
      state: "PENDING",
      failures: 0,
      firstFailedAt: null,
      needsFreshLink: true,
      errorMessage: null,
      nextTryAt: null,
      ...released,
    });
  });

  it.each(["PENDING", "STORED"])("means nothing to a %s output", (state) => {
    expect(outputTransition(pending({ state }), { type: "fetchAgain" }, now)).toBeNull();
  });
});
