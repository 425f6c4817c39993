// Every edge of an output's state diagram, without a database.
import { describe, expect, it } from "vitest";
import { outputTransition, type OutputFacts } from "./output-transitions";
import { MAX_DOWNLOAD_TRIES, MAX_GONE_TRIES, backoffMs } from "./retry-policy";

const now = new Date("2030-01-01T12:00:00Z");
const at = (ms: number) => new Date(now.getTime() + ms);
const half = () => 0.5;
const released = { leaseOwner: null, leaseUntil: null };

describe("an output's download", () => {
  const pending = (facts: Partial<OutputFacts> = {}): OutputFacts => ({
    state: "PENDING",
    attempts: 0,
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
  const failed = (
    facts: OutputFacts,
    error: { message: string; retryable: boolean; gone: boolean } | null,
  ) => outputTransition(facts, { type: "downloadFailed", error }, now, half)!;

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

  it("tries again with backoff while tries are left", () => {
    const error = { message: "The output download timed out.", retryable: true, gone: false };
    expect(failed(pending({ attempts: 1 }), error)).toEqual({
      attempts: 2,
      state: "PENDING",
      errorMessage: error.message,
      nextTryAt: at(backoffMs(2, half)),
      ...released,
    });
    expect(failed(pending({ attempts: MAX_DOWNLOAD_TRIES - 1 }), error)).toMatchObject({
      state: "FAILED",
      nextTryAt: null,
    });
  });

  it(`gives a link that answers gone only ${MAX_GONE_TRIES} tries`, () => {
    const error = { message: "Gone.", retryable: true, gone: true };
    expect(failed(pending({ attempts: MAX_GONE_TRIES - 2 }), error).state).toBe("PENDING");
    expect(failed(pending({ attempts: MAX_GONE_TRIES - 1 }), error).state).toBe("FAILED");
  });

  it("fails at once when trying again cannot help", () => {
    const error = {
      message: "The gateway's output is not a GLB mesh.",
      retryable: false,
      gone: false,
    };
    expect(failed(pending(), error)).toMatchObject({
      state: "FAILED",
      attempts: 1,
      errorMessage: error.message,
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
  });
});
