// Moves a designer's history into a team's studio: every row of one database into another
// (SQLite into PostgreSQL, typically) and every file of one media store into another (a
// folder into a bucket). Idempotent and resumable: rows already there are skipped by their
// keys, files already there with the same size are not sent again, so a run that stopped
// half-way is simply started again.
import type { PrismaClient } from "./generated/client";
import type { MediaStore } from "@/lib/media/store/types";

const BATCH = 500;

export interface MoveProgress {
  phase: "rows" | "files";
  table?: string;
  done: number;
  total: number;
}

export interface MoveReport {
  rows: Record<string, { copied: number; total: number }>;
  files: { copied: number; skipped: number; total: number };
}

// Parents before children, so every foreign key finds its row. Sessions and rate-limit
// counters belong to the old studio and are not moved.
const TABLES = ["upload", "job", "output", "board", "boardJob", "deletedJob"] as const;
type Table = (typeof TABLES)[number];

interface Delegate {
  count(): Promise<number>;
  findMany(args: {
    skip: number;
    take: number;
    orderBy: Record<string, "asc"> | Record<string, "asc">[];
  }): Promise<object[]>;
  createMany(args: { data: object[]; skipDuplicates?: boolean }): Promise<{ count: number }>;
}

const ORDER: Record<Table, Record<string, "asc">[]> = {
  upload: [{ id: "asc" }],
  job: [{ id: "asc" }],
  output: [{ id: "asc" }],
  board: [{ id: "asc" }],
  boardJob: [{ boardId: "asc" }, { jobId: "asc" }],
  deletedJob: [{ id: "asc" }],
};

function delegate(client: PrismaClient, table: Table): Delegate {
  return client[table] as unknown as Delegate;
}

export async function moveRows(
  from: PrismaClient,
  to: PrismaClient,
  onProgress: (p: MoveProgress) => void = () => {},
): Promise<MoveReport["rows"]> {
  const report: MoveReport["rows"] = {};
  for (const table of TABLES) {
    const source = delegate(from, table);
    const target = delegate(to, table);
    const total = await source.count();
    let copied = 0;
    for (let skip = 0; skip < total; skip += BATCH) {
      const rows = await source.findMany({ skip, take: BATCH, orderBy: ORDER[table] });
      if (rows.length === 0) break;
      copied += (await target.createMany({ data: rows, skipDuplicates: true })).count;
      onProgress({ phase: "rows", table, done: Math.min(skip + rows.length, total), total });
    }
    report[table] = { copied, total };
  }
  return report;
}

export async function moveFiles(
  from: MediaStore,
  to: MediaStore,
  onProgress: (p: MoveProgress) => void = () => {},
  concurrency = 8,
): Promise<MoveReport["files"]> {
  const keys = (
    await Promise.all(
      ["outputs", "previews", "thumbs", "uploads", "exports"].map((p) => from.listKeys(p)),
    )
  ).flat();
  let copied = 0;
  let skipped = 0;
  let next = 0;
  async function worker() {
    while (next < keys.length) {
      const key = keys[next++];
      const [src, dst] = await Promise.all([from.stat(key), to.stat(key)]);
      if (!src || (dst && dst.size === src.size)) {
        skipped++;
      } else {
        const bytes = await from.read(key);
        if (bytes) {
          await to.write(key, bytes);
          copied++;
        } else skipped++;
      }
      onProgress({ phase: "files", done: copied + skipped, total: keys.length });
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, worker));
  return { copied, skipped, total: keys.length };
}
