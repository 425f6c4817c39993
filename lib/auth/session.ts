import "server-only";
// Sessions for a studio with STUDIO_PASSWORD set. The cookie holds an expiry and a random id,
// signed with HMAC-SHA256 under a key derived from a per-install secret and the password
// (changing the password signs everyone out). The id's SHA-256 is kept in the database, and
// signing out revokes it there, so a copied cookie stops working.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createSessionRow, revokeSessionRow, sessionIsLive } from "@/lib/db/sessions";
import { env, persistentSecret } from "@/lib/env";

export const SESSION_MAX_AGE_S = 7 * 24 * 3600;

/** Over https the cookie is `__Host-` prefixed (Secure, host-only, path /). */
export function sessionCookieName(proto: "http" | "https"): string {
  return proto === "https" ? "__Host-studio_session" : "studio_session";
}

export const SESSION_COOKIE_NAMES = [sessionCookieName("https"), sessionCookieName("http")];

let key: Buffer | undefined;

function signingKey(): Buffer {
  if (key) return key;
  const e = env();
  // Several processes of one studio share SESSION_SECRET; one process keeps its own in a file.
  const secret =
    e.sessionSecret ??
    persistentSecret(e.dataDir, "session-secret", () => randomBytes(32).toString("hex"));
  key = createHmac("sha256", secret)
    .update(`studio-session:${e.password ?? ""}`)
    .digest();
  return key;
}

function mac(payload: string) {
  return createHmac("sha256", signingKey()).update(payload).digest("base64url");
}

function rowId(id: string) {
  return createHash("sha256").update(id).digest("hex");
}

/** The signed payload of a cookie value, or null when the signature or expiry is wrong. */
function readCookie(value: string | undefined, now: number): { id: string } | null {
  if (!value) return null;
  const i = value.lastIndexOf(".");
  if (i <= 0) return null;
  const payload = value.slice(0, i);
  const given = Buffer.from(value.slice(i + 1));
  const want = Buffer.from(mac(payload));
  if (given.length !== want.length || !timingSafeEqual(given, want)) return null;
  const [expires, id] = payload.split(".");
  if (!id || !(Number(expires) > now)) return null;
  return { id };
}

export async function issueSession(now = Date.now()): Promise<string> {
  const expires = now + SESSION_MAX_AGE_S * 1000;
  const id = randomBytes(24).toString("base64url");
  await createSessionRow(rowId(id), new Date(expires));
  const payload = `${expires}.${id}`;
  return `${payload}.${mac(payload)}`;
}

export async function verifySession(value: string | undefined, now = Date.now()): Promise<boolean> {
  const read = readCookie(value, now);
  return read !== null && sessionIsLive(rowId(read.id), new Date(now));
}

export async function revokeSession(value: string | undefined): Promise<void> {
  const read = readCookie(value, Date.now());
  if (read) await revokeSessionRow(rowId(read.id));
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
