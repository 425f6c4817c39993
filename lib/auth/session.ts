import "server-only";
// Sessions for a studio with STUDIO_PASSWORD set: an httpOnly cookie holding an expiry and a
// random id, signed with HMAC-SHA256 under a key derived from a per-install secret and the
// password (changing the password signs everyone out).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env, persistentSecret } from "@/lib/env";

export const SESSION_COOKIE = "studio_session";
export const SESSION_MAX_AGE_S = 7 * 24 * 3600;

let key: Buffer | undefined;

function signingKey(): Buffer {
  if (key) return key;
  const e = env();
  const secret = persistentSecret(e.dataDir, "session-secret", () =>
    randomBytes(32).toString("hex"),
  );
  key = createHmac("sha256", secret)
    .update(`studio-session:${e.password ?? ""}`)
    .digest();
  return key;
}

function mac(payload: string) {
  return createHmac("sha256", signingKey()).update(payload).digest("base64url");
}

export function issueSession(now = Date.now()): string {
  const payload = `${now + SESSION_MAX_AGE_S * 1000}.${randomBytes(12).toString("base64url")}`;
  return `${payload}.${mac(payload)}`;
}

export function verifySession(value: string | undefined, now = Date.now()): boolean {
  if (!value) return false;
  const i = value.lastIndexOf(".");
  if (i <= 0) return false;
  const payload = value.slice(0, i);
  const given = Buffer.from(value.slice(i + 1));
  const want = Buffer.from(mac(payload));
  if (given.length !== want.length || !timingSafeEqual(given, want)) return false;
  const expires = Number(payload.split(".")[0]);
  return Number.isFinite(expires) && expires > now;
}

export function checkPassword(given: string): boolean {
  const want = env().password;
  if (!want) return true;
  const a = createHmac("sha256", signingKey()).update(given).digest();
  const b = createHmac("sha256", signingKey()).update(want).digest();
  return timingSafeEqual(a, b);
}

export function passwordRequired(): boolean {
  return Boolean(env().password);
}
