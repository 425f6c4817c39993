// Writing files so that no reader ever sees half of one: the bytes go to a temporary name
// beside the target, are flushed to disk, and are then renamed (or linked) into place.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

function tempName(file: string) {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`);
}

/** Replaces `file` whole: readers see the old bytes or the new ones, never a mix. */
export async function writeFileAtomic(file: string, bytes: Uint8Array | string): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const tmp = tempName(file);
  try {
    const handle = await fs.promises.open(tmp, "w");
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(tmp, file);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Creates `file` with `make()`'s contents unless it exists, and returns what it holds. When two
 * processes race, the first link wins and both read the winner's bytes.
 */
export function createFileOnce(file: string, make: () => string, mode = 0o600): string {
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing) return existing;
  } catch {
    // not made yet
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = tempName(file);
  fs.writeFileSync(tmp, make(), { mode });
  try {
    fs.linkSync(tmp, file);
  } catch {
    // Another process linked its own first; theirs wins.
  } finally {
    fs.unlinkSync(tmp);
  }
  return fs.readFileSync(file, "utf8").trim();
}
