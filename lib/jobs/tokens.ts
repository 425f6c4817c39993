import { randomBytes } from "node:crypto";

/** An unguessable URL-safe token (256 bits). */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}
