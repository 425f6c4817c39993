import "server-only";
// Reads and writes of boards, and the other curation writes over many jobs at once (favorites).
// Every write that changes what a job shows (its boards, its star) bumps the job's `version`,
// which also touches `updatedAt`, so the gallery's ETag and its change feed both see it.
import { randomUUID } from "node:crypto";
import { boardNameKey, type BoardSummary } from "@/lib/gallery/schemas";
import { db } from "./client";
import { Prisma } from "./generated/client";

type Tx = Prisma.TransactionClient;

export interface BoardRow {
  id: string;
  name: string;
}

/** A write that could not be made because another board already has the name (in any case). */
export interface NameTaken {
  taken: string;
}

const byName = (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name, "en", { sensitivity: "base", numeric: true }) ||
  a.name.localeCompare(b.name);

/** Every board with the number of its jobs still in the gallery (hidden ones are not counted). */
export async function listBoards(): Promise<BoardSummary[]> {
  const rows = await db.board.findMany({
    select: {
      id: true,
      name: true,
      _count: { select: { jobs: { where: { job: { hiddenAt: null } } } } },
    },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, count: r._count.jobs })).sort(byName);
}

/** The board other than `except` whose name equals `name` but for letter case, if any. */
async function clash(tx: Tx, name: string, except?: string): Promise<string | null> {
  const key = boardNameKey(name);
  // Boards are few; comparing here handles letters SQLite's lower() does not (É, Ä...).
  const all = await tx.board.findMany({ select: { id: true, name: true } });
  return all.find((b) => b.id !== except && boardNameKey(b.name) === key)?.name ?? null;
}

function isUniqueViolation(err: unknown) {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}

/** `name` must already be cleaned (lib/gallery/schemas boardName). */
export async function createBoardRow(name: string): Promise<BoardRow | NameTaken> {
  try {
    return await db.$transaction(async (tx) => {
      const taken = await clash(tx, name);
      if (taken) return { taken };
      return tx.board.create({
        data: { id: randomUUID(), name },
        select: { id: true, name: true },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { taken: name }; // the same name, made a moment ago
    throw err;
  }
}

/** Null when the board no longer exists. */
export async function renameBoardRow(
  id: string,
  name: string,
): Promise<BoardRow | NameTaken | null> {
  try {
    return await db.$transaction(async (tx) => {
      if (!(await tx.board.findUnique({ where: { id } }))) return null;
      const taken = await clash(tx, name, id);
      if (taken) return { taken };
      return tx.board.update({ where: { id }, data: { name }, select: { id: true, name: true } });
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { taken: name };
    throw err;
  }
}

function bump(tx: Tx, jobIds: string[]) {
  return jobIds.length
    ? tx.job.updateMany({ where: { id: { in: jobIds } }, data: { version: { increment: 1 } } })
    : null;
}

/** Deletes the board (its jobs stay); false when it was already gone. */
export async function deleteBoardRow(id: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const members = await tx.boardJob.findMany({ where: { boardId: id }, select: { jobId: true } });
    // The jobs lose a board id the browser shows: bump them before the links cascade away.
    await bump(
      tx,
      members.map((m) => m.jobId),
    );
    const r = await tx.board.deleteMany({ where: { id } });
    return r.count === 1;
  });
}

/**
 * Puts the jobs on the board (those already on it stay as they were). Returns the ids of the
 * given jobs that exist, all now on the board; null when the board no longer exists. Ids of
 * jobs deleted meanwhile are left out rather than failing the rest.
 */
export async function addJobsToBoard(boardId: string, jobIds: string[]): Promise<string[] | null> {
  return db.$transaction(async (tx) => {
    if (!(await tx.board.findUnique({ where: { id: boardId } }))) return null;
    const [jobs, present] = await Promise.all([
      tx.job.findMany({ where: { id: { in: jobIds } }, select: { id: true } }),
      tx.boardJob.findMany({
        where: { boardId, jobId: { in: jobIds } },
        select: { jobId: true },
      }),
    ]);
    const on = new Set(present.map((p) => p.jobId));
    const added = jobs.map((j) => j.id).filter((id) => !on.has(id));
    if (added.length) {
      await tx.boardJob.createMany({ data: added.map((jobId) => ({ boardId, jobId })) });
      await bump(tx, added);
      await tx.board.update({ where: { id: boardId }, data: { updatedAt: new Date() } });
    }
    const exists = new Set(jobs.map((j) => j.id));
    return jobIds.filter((id) => exists.has(id));
  });
}

/** Takes the jobs off the board; returns the given ids (none of them is on it now), or null. */
export async function removeJobsFromBoard(
  boardId: string,
  jobIds: string[],
): Promise<string[] | null> {
  return db.$transaction(async (tx) => {
    if (!(await tx.board.findUnique({ where: { id: boardId } }))) return null;
    const present = await tx.boardJob.findMany({
      where: { boardId, jobId: { in: jobIds } },
      select: { jobId: true },
    });
    const removed = present.map((p) => p.jobId);
    if (removed.length) {
      await tx.boardJob.deleteMany({ where: { boardId, jobId: { in: removed } } });
      await bump(tx, removed);
    }
    return jobIds;
  });
}

/** Stars or unstars the jobs; returns the ids of those that exist. */
export async function setJobsFavorite(jobIds: string[], favorite: boolean): Promise<string[]> {
  return db.$transaction(async (tx) => {
    await tx.job.updateMany({
      where: { id: { in: jobIds }, favorite: !favorite },
      data: { favorite, version: { increment: 1 } },
    });
    const rows = await tx.job.findMany({ where: { id: { in: jobIds } }, select: { id: true } });
    const exists = new Set(rows.map((r) => r.id));
    return jobIds.filter((id) => exists.has(id));
  });
}
