import { describe, expect, it } from "vitest";
import { planOf, type Plan } from "./plan";

const NOTHING: Plan = { refuse: null, fail: null, slow: false, media: null, corruptMesh: false };
const FAILED: Plan["fail"] = {
  state: "FAILED",
  message: "The safety checker flagged this prompt (sandbox).",
};
const ERROR: Plan["fail"] = {
  state: "ERROR",
  message: "The GPU worker ran out of memory (sandbox).",
};

const plan = (prompt: string, negative_prompt?: string) => planOf({ prompt, negative_prompt });

describe("planOf", () => {
  it("asks for nothing without directives", () => {
    expect(plan("a lighthouse at dusk")).toEqual(NOTHING);
    expect(planOf({})).toEqual(NOTHING);
  });

  it.each<[string, Partial<Plan>]>([
    ["fail=402", { refuse: 402 }],
    ["fail=429", { refuse: 429 }],
    ["fail=500", { refuse: 500 }],
    ["fail=failed", { fail: FAILED }],
    ["fail=error", { fail: ERROR }],
    ["slow", { slow: true }],
    ["media=404", { media: 404 }],
    ["media=500", { media: 500 }],
    ["media=expire-once", { media: "expire-once" }],
    ["mesh=corrupt", { corruptMesh: true }],
  ])("[sandbox:%s]", (directive, wanted) => {
    expect(plan(`a fox [sandbox:${directive}] in snow`)).toEqual({ ...NOTHING, ...wanted });
  });

  it("reads the negative prompt too, and ignores case", () => {
    expect(plan("fine", "[sandbox:slow]").slow).toBe(true);
    expect(plan("[SANDBOX:Media=500]").media).toBe(500);
    expect(plan("[sandbox:FAIL=ERROR]").fail).toEqual(ERROR);
  });

  it("combines directives", () => {
    expect(plan("[sandbox:slow][sandbox:mesh=corrupt] x [sandbox:media=404]")).toEqual({
      ...NOTHING,
      slow: true,
      corruptMesh: true,
      media: 404,
    });
  });

  it("settles conflicts: the first refusal, FAILED over ERROR, 404 over 500", () => {
    expect(plan("[sandbox:fail=403] [sandbox:fail=402]").refuse).toBe(403);
    expect(plan("[sandbox:fail=error] [sandbox:fail=failed]").fail).toEqual(FAILED);
    expect(plan("[sandbox:media=500] [sandbox:media=404]").media).toBe(404);
    expect(plan("[sandbox:media=expire-once] [sandbox:media=500]").media).toBe(500);
    // A refusal and a fate can both be planned; the submit refuses before the fate matters.
    expect(plan("[sandbox:fail=failed] [sandbox:fail=402]")).toMatchObject({
      refuse: 402,
      fail: FAILED,
    });
  });

  it.each([
    "[sandbox:fail=40]",
    "[sandbox:fail=4021]",
    "[sandbox:fail=abc]",
    "[sandbox:fail=]",
    "[sandbox:fail=crash]",
    "[sandbox:media=403]",
    "[sandbox:media=]",
    "[sandbox:media=expire]",
    "[sandbox:media=expire-twice]",
    "[sandbox:mesh=broken]",
    "[sandbox:slow=2]",
    "[sandbox:slower]",
    "[sandbox: slow]",
    "[sandbox:fail 402]",
    "[sandbox:fail=402",
    "sandbox:fail=402",
    "[sbx:slow]",
    "(sandbox:slow)",
  ])("ignores %s", (text) => {
    expect(plan(`x ${text} y`)).toEqual(NOTHING);
  });

  it("keeps any three-digit code, even one no HTTP answer can carry", () => {
    // The route then fails to build the answer and replies 500, as it always has.
    expect(plan("[sandbox:fail=999]").refuse).toBe(999);
    expect(plan("[sandbox:fail=000]").refuse).toBe(0);
  });

  it("only looks at the prompt and negative prompt", () => {
    const params = { prompt: "x", input_image_url: "https://a.test/[sandbox:slow].png" };
    expect(planOf(params)).toEqual(NOTHING);
  });
});
