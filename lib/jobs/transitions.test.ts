// Over ~300 lines on purpose: one case per behaviour of the module it tests, kept together.
// Every edge of the job's state diagram, without a database.
import { describe, expect, it } from "vitest";
import { GatewayError, type GatewayErrorCode } from "@/lib/gateway/errors";
import type { StatusResponse } from "@/lib/gateway/models";
import { MAX_STATUS_FAILURES, MAX_SUBMIT_TRIES, MAX_TRACK_MS, backoffMs } from "./retry-policy";
import { JOB_STATES, TRACKED_STATES, type JobState } from "./states";
import { transition, type JobEvent, type JobFacts } from "./transitions";

const now = new Date("2030-01-01T12:00:00Z");
const at = (ms: number) => new Date(now.getTime() + ms);
const half = () => 0.5;

function job(state: JobState, facts: Partial<JobFacts> = {}): JobFacts {
  return {
    state,
    failures: 0,
    pollCount: 0,
    sendingAt: null,
    submittedAt: null,
    startedAt: null,
    lastPollAt: null,
    ...facts,
  };
}

function gatewayError(
  code: GatewayErrorCode,
  retryable: boolean,
  accepted: false | null,
  retryAfterMs: number | null = null,
) {
  return new GatewayError({
    code,
    userMessage: `Said: ${code}.`,
    retryable,
    accepted,
    retryAfterMs,
  });
}

const answer = (status: StatusResponse["status"], more: Partial<StatusResponse> = {}) =>
  ({ request_id: "req-1", status, ...more }) as StatusResponse;

const released = { leaseOwner: null, leaseUntil: null };

describe("the job's state diagram", () => {
  const tooOld = { submittedAt: at(-MAX_TRACK_MS - 1) };
  const edges: [string, JobFacts, JobEvent, JobState | "unchanged"][] = [
    [
      "SUBMITTING, not yet sent, left by a stopped process",
      job("SUBMITTING"),
      { type: "orphaned" },
      "WAITING",
    ],
    [
      "SUBMITTING, maybe sent, left by a stopped process",
      job("SUBMITTING", { sendingAt: now }),
      { type: "orphaned" },
      "UNKNOWN",
    ],
    [
      "input image failed",
      job("SUBMITTING"),
      { type: "inputImageFailed", message: null },
      "FAILED",
    ],
    [
      "accepted",
      job("SUBMITTING"),
      { type: "submitted", requestId: "r", hasWebhook: false },
      "QUEUED",
    ],
    [
      "refused, worth another try",
      job("SUBMITTING"),
      { type: "submitFailed", error: gatewayError("rate_limited", true, false) },
      "WAITING",
    ],
    [
      "refused for good",
      job("SUBMITTING"),
      { type: "submitFailed", error: gatewayError("bad_request", false, false) },
      "FAILED",
    ],
    [
      "maybe accepted",
      job("SUBMITTING"),
      { type: "submitFailed", error: gatewayError("timeout", true, null) },
      "UNKNOWN",
    ],
    [
      "queued, still queued",
      job("QUEUED"),
      { type: "statusRead", answer: answer("QUEUED"), hasWebhook: false },
      "QUEUED",
    ],
    [
      "queued, now processing",
      job("QUEUED"),
      { type: "statusRead", answer: answer("PROCESSING"), hasWebhook: false },
      "PROCESSING",
    ],
    [
      "processing, still processing",
      job("PROCESSING"),
      { type: "statusRead", answer: answer("PROCESSING"), hasWebhook: false },
      "PROCESSING",
    ],
    [
      "processing, a late QUEUED",
      job("PROCESSING"),
      { type: "statusRead", answer: answer("QUEUED"), hasWebhook: false },
      "PROCESSING",
    ],
    ...TRACKED_STATES.flatMap((s): [string, JobFacts, JobEvent, JobState | "unchanged"][] => [
      [
        `${s}, completed`,
        job(s),
        {
          type: "statusRead",
          answer: answer("COMPLETED", { output: { media_url: ["https://x/1.png"] } }),
          hasWebhook: false,
        },
        "COMPLETED",
      ],
      [
        `${s}, completed without media`,
        job(s),
        { type: "statusRead", answer: answer("COMPLETED"), hasWebhook: false },
        "ERROR",
      ],
      [
        `${s}, failed`,
        job(s),
        { type: "statusRead", answer: answer("FAILED"), hasWebhook: false },
        "FAILED",
      ],
      [
        `${s}, gateway error`,
        job(s),
        { type: "statusRead", answer: answer("ERROR"), hasWebhook: false },
        "ERROR",
      ],
      [
        `${s}, running too long`,
        job(s, tooOld),
        { type: "statusRead", answer: answer("PROCESSING"), hasWebhook: false },
        "UNKNOWN",
      ],
      [
        `${s}, status read failed`,
        job(s),
        { type: "statusReadFailed", error: null, detail: "x" },
        "unchanged",
      ],
      [
        `${s}, status lost`,
        job(s, { failures: MAX_STATUS_FAILURES }),
        { type: "statusReadFailed", error: null, detail: "x" },
        "UNKNOWN",
      ],
      [`${s}, given up`, job(s), { type: "stopFollowing", why: "Why." }, "UNKNOWN"],
      [`${s}, nudged`, job(s), { type: "nudged" }, "unchanged"],
    ]),
  ];

  it.each(edges)("%s", (_, facts, event, to) => {
    const move = transition(facts, event, now, half);
    expect(move).not.toBeNull();
    expect(move!.patch.state).toBe(to === "unchanged" ? undefined : to);
  });

  const sources: Record<JobEvent["type"], readonly JobState[]> = {
    orphaned: ["SUBMITTING"],
    inputImageFailed: ["SUBMITTING"],
    submitted: ["SUBMITTING"],
    submitFailed: ["SUBMITTING"],
    nudged: TRACKED_STATES,
    statusRead: TRACKED_STATES,
    statusReadFailed: TRACKED_STATES,
    stopFollowing: TRACKED_STATES,
  };
  const anyEvent: Record<JobEvent["type"], JobEvent> = {
    orphaned: { type: "orphaned" },
    inputImageFailed: { type: "inputImageFailed", message: "m" },
    submitted: { type: "submitted", requestId: "r", hasWebhook: false },
    submitFailed: { type: "submitFailed", error: null },
    nudged: { type: "nudged" },
    statusRead: { type: "statusRead", answer: answer("COMPLETED"), hasWebhook: false },
    statusReadFailed: { type: "statusReadFailed", error: null, detail: "x" },
    stopFollowing: { type: "stopFollowing", why: "w" },
  };
  const strays = Object.entries(sources).flatMap(([type, from]) =>
    JOB_STATES.filter((s) => !from.includes(s)).map((s) => [type, s] as const),
  );

  it.each(strays)("%s means nothing to a %s job", (type, state) => {
    expect(transition(job(state), anyEvent[type as JobEvent["type"]], now)).toBeNull();
  });
});

describe("submitting", () => {
  it("puts a job that never left back in the queue, releasing the lease", () => {
    expect(transition(job("SUBMITTING"), { type: "orphaned" }, now)!.patch).toEqual({
      state: "WAITING",
      ...released,
    });
  });

  it("does not send a job again that may have reached the gateway", () => {
    const { patch } = transition(
      job("SUBMITTING", { sendingAt: at(-5000) }),
      { type: "orphaned" },
      now,
    )!;
    expect(patch).toEqual({
      state: "UNKNOWN",
      errorCode: "submit_unknown",
      errorMessage:
        "The studio stopped while sending this job, so it is unknown whether the gateway accepted it. It was not sent again, to avoid paying twice. Use Retry to send it again.",
      finishedAt: now,
      ...released,
    });
  });

  it("fails a job whose input image cannot be prepared, with the reason or a plain one", () => {
    const said = transition(
      job("SUBMITTING"),
      { type: "inputImageFailed", message: "Too big." },
      now,
    )!;
    expect(said.patch).toEqual({
      state: "FAILED",
      errorCode: "input_image",
      errorMessage: "Too big.",
      finishedAt: now,
      ...released,
    });
    const bug = transition(job("SUBMITTING"), { type: "inputImageFailed", message: null }, now)!;
    expect(bug.patch.errorMessage).toBe("The input image could not be prepared.");
  });

  it("records the request id and reads the status soon after", () => {
    const facts = job("SUBMITTING", { failures: 2, pollCount: 4 });
    const polled = transition(
      facts,
      { type: "submitted", requestId: "req-9", hasWebhook: false },
      now,
    )!;
    expect(polled.patch).toEqual({
      state: "QUEUED",
      requestId: "req-9",
      submittedAt: now,
      nextPollAt: at(1000),
      pollCount: 0,
      failures: 0,
      ...released,
    });
    const hooked = transition(
      facts,
      { type: "submitted", requestId: "req-9", hasWebhook: true },
      now,
    )!;
    expect(hooked.patch.nextPollAt).toEqual(at(3000));
  });

  it("sends again later when the gateway certainly did not take the job", () => {
    const error = gatewayError("server_error", true, false);
    const { patch } = transition(
      job("SUBMITTING", { failures: 1 }),
      { type: "submitFailed", error },
      now,
      half,
    )!;
    expect(patch).toEqual({
      state: "WAITING",
      failures: 2,
      lastPollError: "Said: server_error.",
      nextPollAt: at(backoffMs(2, half)),
      ...released,
      sendingAt: null,
    });
  });

  it("honours Retry-After", () => {
    const error = gatewayError("rate_limited", true, false, 7000);
    const { patch } = transition(job("SUBMITTING"), { type: "submitFailed", error }, now)!;
    expect(patch.nextPollAt).toEqual(at(7000));
  });

  it(`gives up after ${MAX_SUBMIT_TRIES} tries`, () => {
    const error = gatewayError("server_error", true, false);
    const last = job("SUBMITTING", { failures: MAX_SUBMIT_TRIES - 1 });
    expect(transition(last, { type: "submitFailed", error }, now)!.patch).toEqual({
      state: "FAILED",
      errorCode: "server_error",
      errorMessage: "Said: server_error.",
      finishedAt: now,
      ...released,
      sendingAt: null,
    });
    const before = job("SUBMITTING", { failures: MAX_SUBMIT_TRIES - 2 });
    expect(transition(before, { type: "submitFailed", error }, now)!.patch.state).toBe("WAITING");
  });

  it("fails at once when the gateway refused for good", () => {
    const error = gatewayError("insufficient_balance", false, false);
    const { patch } = transition(job("SUBMITTING"), { type: "submitFailed", error }, now)!;
    expect(patch).toMatchObject({ state: "FAILED", errorCode: "insufficient_balance" });
  });

  it("never sends twice when it is unknown whether the gateway took the job", () => {
    for (const error of [
      gatewayError("timeout", true, null),
      gatewayError("unexpected_status", false, null),
    ]) {
      const { patch } = transition(job("SUBMITTING"), { type: "submitFailed", error }, now)!;
      expect(patch).toEqual({
        state: "UNKNOWN",
        errorCode: error.code,
        errorMessage: `${error.userMessage} It is unknown whether the gateway accepted this job; it was not sent again, to avoid paying twice. Use Retry to send it again.`,
        finishedAt: now,
        ...released,
      });
    }
  });

  it("fails with a plain message when the error was not the gateway's", () => {
    const { patch } = transition(job("SUBMITTING"), { type: "submitFailed", error: null }, now)!;
    expect(patch).toMatchObject({
      state: "FAILED",
      errorCode: "internal",
      errorMessage: "The studio could not send this job. Try again.",
      sendingAt: null,
    });
  });
});

describe("reading the status", () => {
  const read = (facts: JobFacts, a: StatusResponse, hasWebhook = false) =>
    transition(facts, { type: "statusRead", answer: a, hasWebhook }, now)!;
  const common = { lastPollAt: now, failures: 0, lastPollError: null };

  it("counts the read, clears failures and follows the polling ladder", () => {
    const facts = job("QUEUED", { pollCount: 2, failures: 3 });
    expect(read(facts, answer("QUEUED")).patch).toEqual({
      ...common,
      pollCount: 3,
      state: "QUEUED",
      startedAt: null,
      nextPollAt: at(5000),
    });
    expect(read(job("QUEUED"), answer("QUEUED")).patch.nextPollAt).toEqual(at(2000));
    expect(read(job("QUEUED"), answer("QUEUED"), true).patch.nextPollAt).toEqual(at(120_000));
  });

  it("notes when processing started, once", () => {
    expect(read(job("QUEUED"), answer("PROCESSING")).patch.startedAt).toEqual(now);
    const started = at(-9000);
    expect(
      read(job("PROCESSING", { startedAt: started }), answer("PROCESSING")).patch.startedAt,
    ).toEqual(started);
    expect(read(job("PROCESSING", { startedAt: started }), answer("QUEUED")).patch).toMatchObject({
      state: "PROCESSING",
      startedAt: started,
    });
  });

  it("completes with the non-empty media URLs, in order", () => {
    const move = read(
      job("PROCESSING", { pollCount: 5 }),
      answer("COMPLETED", { output: { media_url: ["https://x/1.png", "", "https://x/2.png"] } }),
    );
    expect(move.outputUrls).toEqual(["https://x/1.png", "https://x/2.png"]);
    expect(move.patch).toEqual({
      ...common,
      pollCount: 6,
      state: "COMPLETED",
      finishedAt: now,
      nextPollAt: null,
    });
  });

  it("is an error when the gateway completed without media", () => {
    for (const a of [answer("COMPLETED"), answer("COMPLETED", { output: { media_url: [""] } })]) {
      const move = read(job("QUEUED"), a);
      expect(move.outputUrls).toBeUndefined();
      expect(move.patch).toEqual({
        ...common,
        pollCount: 1,
        state: "ERROR",
        errorCode: "no_output",
        errorMessage: "The gateway said the job completed but returned no media.",
        finishedAt: now,
      });
    }
  });

  it("passes on why the model failed", () => {
    expect(read(job("PROCESSING"), answer("FAILED", { error: " Unsafe prompt. " })).patch).toEqual({
      ...common,
      pollCount: 1,
      state: "FAILED",
      errorCode: "gateway_failed",
      errorMessage: "The model could not make this: Unsafe prompt.",
      finishedAt: now,
      nextPollAt: null,
    });
    expect(read(job("PROCESSING"), answer("FAILED")).patch.errorMessage).toBe(
      "The model could not make this: The gateway gave no reason.",
    );
  });

  it("says a gateway error is not charged", () => {
    expect(read(job("QUEUED"), answer("ERROR", { error: "GPU lost" })).patch).toMatchObject({
      state: "ERROR",
      errorCode: "gateway_error",
      errorMessage: "The gateway had a system error: GPU lost You were not charged for it.",
    });
  });

  it(`stops following a job still running ${MAX_TRACK_MS / 3_600_000} hours after it was sent`, () => {
    const old = job("PROCESSING", { submittedAt: at(-MAX_TRACK_MS - 1), startedAt: at(-1000) });
    expect(read(old, answer("PROCESSING")).patch).toEqual({
      ...common,
      pollCount: 1,
      startedAt: at(-1000),
      state: "UNKNOWN",
      errorCode: "status_lost",
      errorMessage:
        "The gateway has not finished this job in many hours. The job may still finish at the gateway; check your Pixazo history, or use Retry to send it again.",
      finishedAt: now,
      nextPollAt: null,
    });
    const justInTime = job("PROCESSING", { submittedAt: at(-MAX_TRACK_MS) });
    expect(read(justInTime, answer("PROCESSING")).patch.state).toBe("PROCESSING");
    expect(read(old, answer("COMPLETED", { output: { media_url: ["u"] } })).patch.state).toBe(
      "COMPLETED",
    );
  });
});

describe("failing to read the status", () => {
  const fail = (facts: JobFacts, error: GatewayError | null, detail = "TypeError: boom") =>
    transition(facts, { type: "statusReadFailed", error, detail }, now, half)!;

  it("backs off and shows what went wrong", () => {
    const error = gatewayError("server_error", true, false);
    expect(fail(job("QUEUED", { failures: 2 }), error).patch).toEqual({
      failures: 3,
      lastPollAt: now,
      lastPollError: "Said: server_error.",
      nextPollAt: at(backoffMs(3, half)),
    });
    const limited = gatewayError("rate_limited", true, false, 9000);
    expect(fail(job("QUEUED"), limited).patch.nextPollAt).toEqual(at(9000));
    expect(fail(job("QUEUED"), null).patch.lastPollError).toBe("TypeError: boom");
  });

  it(`gives up after ${MAX_STATUS_FAILURES} retryable failures in a row`, () => {
    const error = gatewayError("timeout", true, null);
    expect(
      fail(job("PROCESSING", { failures: MAX_STATUS_FAILURES - 2 }), error).patch.state,
    ).toBeUndefined();
    expect(fail(job("PROCESSING", { failures: MAX_STATUS_FAILURES - 1 }), error).patch).toEqual({
      state: "UNKNOWN",
      errorCode: "status_lost",
      errorMessage: `Said: timeout. It stopped asking after ${MAX_STATUS_FAILURES} tries in a row. The job may still finish at the gateway; check your Pixazo history, or use Retry to send it again.`,
      finishedAt: now,
      nextPollAt: null,
    });
  });

  it("gives up sooner on failures that will not go away", () => {
    const limit = MAX_STATUS_FAILURES / 4;
    const error = gatewayError("not_found", false, false);
    expect(fail(job("QUEUED", { failures: limit - 2 }), error).patch.state).toBeUndefined();
    expect(fail(job("QUEUED", { failures: limit - 1 }), error).patch.state).toBe("UNKNOWN");
    expect(fail(job("QUEUED", { failures: limit - 1 }), null).patch.errorMessage).toBe(
      `The studio could not read this job's status. It stopped asking after ${limit} tries in a row. The job may still finish at the gateway; check your Pixazo history, or use Retry to send it again.`,
    );
  });
});

describe("a nudge", () => {
  it("asks for a read now, but never twice in one second", () => {
    const nudge = (facts: JobFacts) => transition(facts, { type: "nudged" }, now)!.patch;
    expect(nudge(job("QUEUED"))).toEqual({ nextPollAt: now });
    expect(nudge(job("PROCESSING", { lastPollAt: at(-300) }))).toEqual({ nextPollAt: at(700) });
    expect(nudge(job("PROCESSING", { lastPollAt: at(-3000) }))).toEqual({ nextPollAt: now });
  });
});
