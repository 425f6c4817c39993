import "server-only";
// Access checks for pages, routes and server actions, and the one helper every action goes
// through: access check, then zod parse, then the work.
import { cookies, headers } from "next/headers";
import type { z } from "zod";
import { fieldErrors } from "@/lib/gateway/models";
import { SESSION_COOKIE, passwordRequired, verifySession } from "./session";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string> };

export class ActionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
  }
}

export async function hasSession(): Promise<boolean> {
  if (!passwordRequired()) return true;
  const jar = await cookies();
  return verifySession(jar.get(SESSION_COOKIE)?.value);
}

/** For route handlers, which receive the request itself. */
export function requestHasSession(req: Request): boolean {
  if (!passwordRequired()) return true;
  const cookie = req.headers.get("cookie") ?? "";
  const m = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`).exec(cookie);
  if (!m) return false;
  try {
    return verifySession(decodeURIComponent(m[1]));
  } catch {
    return false; // malformed percent-encoding: not a cookie we issued
  }
}

export async function clientKey(): Promise<string> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "local";
}

export function action<S extends z.ZodType, T>(
  schema: S,
  work: (input: z.infer<S>) => Promise<T>,
): (raw: unknown) => Promise<ActionResult<T>> {
  return async (raw) => {
    if (!(await hasSession())) {
      return { ok: false, code: "unauthorized", message: "Your session has ended. Sign in again." };
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      return {
        ok: false,
        code: "invalid_input",
        message: Object.values(errors)[0] ?? "Check the form.",
        fieldErrors: errors,
      };
    }
    try {
      return { ok: true, data: await work(parsed.data) };
    } catch (err) {
      if (err instanceof ActionError) {
        return { ok: false, code: err.code, message: err.message, fieldErrors: err.fieldErrors };
      }
      throw err;
    }
  };
}
