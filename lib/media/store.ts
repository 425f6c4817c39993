import "server-only";
// The media store: the only code that writes files. Keys are relative paths under MEDIA_DIR;
// every write lands atomically (temporary file, fsync, rename), so a crash never leaves half
// a file behind under a real name.
import { createReadStream, promises as fs } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { writeFileAtomic } from "@/lib/files/atomic";

const KEY = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)*$/i;

export class MediaKeyError extends Error {}

export function mediaPath(key: string): string {
  if (!KEY.test(key) || key.includes("..") || key.length > 300) {
    throw new MediaKeyError(`Invalid media key: ${key.slice(0, 80)}`);
  }
  return path.join(/*turbopackIgnore: true*/ env().mediaDir, key);
}

export async function writeMedia(key: string, bytes: Uint8Array): Promise<void> {
  await writeFileAtomic(mediaPath(key), bytes);
}

export async function readMedia(key: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(mediaPath(key));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

export async function statMedia(key: string): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    const s = await fs.stat(mediaPath(key));
    return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : null;
  } catch {
    return null;
  }
}

export function mediaStream(key: string) {
  return createReadStream(mediaPath(key));
}
