import "server-only";
// Access checks for pages, routes and server actions, and the one helper every action goes
// through: access check, then zod parse, then the work.
import { cookies, headers } from "next/headers";
import type { z } from "zod";
import { fieldErrors } from "@/lib/gateway/models";
import { CLIENT_ADDRESS_HEADER, CLIENT_PROTO_HEADER } from "@/lib/server/request-guard";
import { SESSION_COOKIE_NAMES, passwordRequired, verifySession } from "./session";

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

async function anyLive(values: (string | undefined)[]): Promise<boolean> {
  for (const v of values) if (v && (await verifySession(v))) return true;
  return false;
}

export async function hasSession(): Promise<boolean> {
  if (!passwordRequired()) return true;
  const jar = await cookies();
  return anyLive(SESSION_COOKIE_NAMES.map((n) => jar.get(n)?.value));
}

/** For route handlers, which receive the request itself. */
export async function requestHasSession(req: Request): Promise<boolean> {
  if (!passwordRequired()) return true;
  const cookie = req.headers.get("cookie") ?? "";
  const values = SESSION_COOKIE_NAMES.map((name) => {
    const m = new RegExp(`(?:^|;\\s*)${name}=([^;]+)`).exec(cookie);
    try {
      return m ? decodeURIComponent(m[1]) : undefined;
    } catch {
      return undefined; // malformed percent-encoding: not a cookie we issued
    }
  });
  return anyLive(values);
}

/**
 * The client's address as the studio's server saw it (never a header the client wrote; see
 * lib/server/request-guard.ts).
 */
export async function clientKey(): Promise<string> {
  const h = await headers();
  return h.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}

/** The same, for route handlers, which receive the request itself. */
export function requestClient(req: Request): string {
  return req.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}

/** Whether the browser reached the studio over https (directly or via a trusted proxy). */
export async function requestProto(): Promise<"http" | "https"> {
  const h = await headers();
  return h.get(CLIENT_PROTO_HEADER) === "https" ? "https" : "http";
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
