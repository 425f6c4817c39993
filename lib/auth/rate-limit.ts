import "server-only";
// Rate limits and sign-in back-off, keyed on the client's address as the studio's server saw
// it (see lib/server/request-guard.ts), and counted in the database so that every process
// shares them. One address can only ever slow itself down.
import { blockedFor, clearFailures, recordFailure, takeHit } from "@/lib/db/throttles";

export interface Limit {
  purpose: string;
  limit: number;
  windowMs: number;
}

export const LIMITS = {
  signIn: { purpose: "sign-in", limit: 5, windowMs: 60_000 },
  generate: { purpose: "generate", limit: 30, windowMs: 60_000 },
  upload: { purpose: "upload", limit: 20, windowMs: 60_000 },
} satisfies Record<string, Limit>;

/** Records an attempt; returns ms to wait when over the limit, or 0 when allowed. */
export function takeLimit(limit: Limit, client: string): Promise<number> {
  return takeHit(`${limit.purpose}:${client}`, limit.limit, limit.windowMs);
}

const FREE_FAILURES = 3;
const MAX_BACKOFF_MS = 15 * 60_000;

/** After three free mistakes, each failed sign-in doubles the wait: 1 s, 2 s, 4 s … 15 min. */
export function signInBackoffMs(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (failures - FREE_FAILURES - 1));
}

const backoffKey = (client: string) => `sign-in-backoff:${client}`;

export const signInBlockedFor = (client: string) => blockedFor(backoffKey(client));
export const signInFailed = (client: string) => recordFailure(backoffKey(client), signInBackoffMs);
export const signInSucceeded = (client: string) => clearFailures(backoffKey(client));

export function waitMessage(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.ceil(s / 60)} min`;
}
