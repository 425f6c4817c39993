import "server-only";
// Signed-in browsers, by the SHA-256 of the random id their cookie holds.
import { db } from "./client";

export function createSessionRow(id: string, expiresAt: Date) {
  return db.session.create({ data: { id, expiresAt } });
}

export async function sessionIsLive(id: string, now = new Date()): Promise<boolean> {
  const row = await db.session.findUnique({ where: { id } });
  return Boolean(row && !row.revokedAt && row.expiresAt > now);
}

export async function revokeSessionRow(id: string, now = new Date()) {
  await db.session.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  // Rows that can no longer be used are kept a day for the record, then dropped.
  const dayAgo = new Date(now.getTime() - 86_400_000);
  await db.session.deleteMany({
    where: { OR: [{ expiresAt: { lt: dayAgo } }, { revokedAt: { lt: dayAgo } }] },
  });
}
