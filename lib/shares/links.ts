import "server-only";
// Share links: a random token in the link, only its SHA-256 in the database. A link opens one
// job read-only until it expires or is revoked; a token that was never made, was tampered with,
// has run out or was revoked opens nothing, and says which (never whose).
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { MODELS, type ModelId } from "@/lib/gateway/models";
import type { ShareDays, ShareRow } from "./choices";

const DAY_MS = 86_400_000;
/** 32 random bytes, base64url: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/** Makes a link for a job; null when the job is gone. The token is returned only here. */
export async function createShareLink(jobId: string, days: ShareDays, now = new Date()) {
  const job = await db.job.findFirst({
    where: { id: jobId, hiddenAt: null },
    select: { id: true },
  });
  if (!job) return null;
  const token = randomBytes(32).toString("base64url");
  const row = await db.shareLink.create({
    data: {
      id: randomUUID(),
      tokenHash: hash(token),
      jobId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + days * DAY_MS),
    },
  });
  return { id: row.id, token, expiresAt: row.expiresAt };
}

export type OpenedShare =
  | { ok: true; jobId: string; expiresAt: Date }
  | { ok: false; why: "invalid" | "expired" | "revoked"; at?: Date };

/** What a token opens, checked on every page and file it serves. */
export async function openShare(token: string, now = new Date()): Promise<OpenedShare> {
  if (!TOKEN.test(token)) return { ok: false, why: "invalid" };
  const row = await db.shareLink.findUnique({
    where: { tokenHash: hash(token) },
    include: { job: { select: { hiddenAt: true } } },
  });
  if (!row || row.job.hiddenAt) return { ok: false, why: "invalid" };
  if (row.revokedAt) return { ok: false, why: "revoked", at: row.revokedAt };
  if (row.expiresAt <= now) return { ok: false, why: "expired", at: row.expiresAt };
  return { ok: true, jobId: row.jobId, expiresAt: row.expiresAt };
}

/** The studio's links that still open, newest first. */
export async function liveShareLinks(now = new Date()): Promise<ShareRow[]> {
  const rows = await db.shareLink.findMany({
    where: { revokedAt: null, expiresAt: { gt: now }, job: { hiddenAt: null } },
    orderBy: { createdAt: "desc" },
    take: 500,
    include: { job: { select: { prompt: true, model: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    jobId: r.jobId,
    prompt: r.job.prompt,
    modelLabel: MODELS[r.job.model as ModelId]?.label ?? r.job.model,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
  }));
}

/** Revoking a link that is already revoked, expired or gone is not an error. */
export async function revokeShareLink(id: string, now = new Date()) {
  await db.shareLink.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
}
