import { describe, expect, it } from "vitest";
import { apiError, readApiError } from "./api-error";

describe("apiError", () => {
  it("answers the status with a JSON body of code and message", async () => {
    const res = apiError(404, "not_found", "This output is not a stored mesh.");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual({
      error: { code: "not_found", message: "This output is not a stored mesh." },
    });
  });

  it("adds the headers it is given", () => {
    const res = apiError(429, "rate_limited", "Too many requests.", { "retry-after": "2" });
    expect(res.headers.get("retry-after")).toBe("2");
    expect(res.headers.get("content-type")).toContain("application/json");
  });
});

describe("readApiError", () => {
  it("reads back what apiError wrote", async () => {
    const res = apiError(
      413,
      "too_large",
      "“cat.png” is 40.0 MB; the largest image accepted is 20 MB.",
    );
    expect(await readApiError(res)).toEqual({
      code: "too_large",
      message: "“cat.png” is 40.0 MB; the largest image accepted is 20 MB.",
    });
  });

  it("keeps the message of an error body whose code it does not know", async () => {
    const res = Response.json(
      { error: { code: "teapot", message: "Short and stout." } },
      { status: 418 },
    );
    expect(await readApiError(res)).toEqual({ code: null, message: "Short and stout." });
  });

  it("names the status when the body is not a studio error", async () => {
    const plain = new Response("nope", { status: 502, statusText: "Bad Gateway" });
    expect(await readApiError(plain)).toEqual({
      code: null,
      message: "The studio answered 502 Bad Gateway.",
    });
    for (const body of [{ error: "Sign in first." }, { ok: false, message: "x" }, null, [1]]) {
      expect(await readApiError(Response.json(body, { status: 500 }))).toEqual({
        code: null,
        message: "The studio answered 500.",
      });
    }
    expect((await readApiError(new Response(null, { status: 500 }))).message).toBe(
      "The studio answered 500.",
    );
  });
});
