import "server-only";
// The media store: the only code that writes files. One store per process, chosen from
// MEDIA_STORE at start-up: the local folder (MEDIA_DIR, the default) or an S3-compatible
// bucket. Keys are relative paths such as `outputs/<job>/0.png`, the same in both.
import path from "node:path";
import { env } from "@/lib/env";
import { LocalStore } from "./store/local";
import { S3Store } from "./store/s3";
import { checkKey, checkPrefix, MediaStoreError, type MediaStore } from "./store/types";

export { MediaKeyError, MediaStoreError } from "./store/types";

/** After a failed check, requests get the same error this long before the store is tried again. */
const RECHECK_AFTER_MS = 15_000;

let chosen: MediaStore | undefined;
let checked: { promise: Promise<void>; failedAt?: number } | undefined;

function store(): MediaStore {
  if (!chosen) {
    const settings = env().mediaStore;
    chosen = settings.kind === "s3" ? new S3Store(settings) : new LocalStore(settings.dir);
  }
  return chosen;
}

/**
 * Checks the store once (bucket exists, credentials accepted, writable) and returns its
 * description for the start-up log; throws a MediaStoreError saying what to fix. Every other
 * function here waits for the same check, so a bad configuration shows as one clear message
 * in the log and one error per request, not a stack trace each time.
 */
export async function checkMediaStore(): Promise<string> {
  const s = store();
  if (!checked || (checked.failedAt && Date.now() - checked.failedAt > RECHECK_AFTER_MS)) {
    const entry: NonNullable<typeof checked> = { promise: s.check() };
    entry.promise.catch((err) => {
      entry.failedAt = Date.now();
      console.error(`[studio] ${err instanceof MediaStoreError ? err.message : err}`);
    });
    checked = entry;
  }
  await checked.promise;
  return s.description;
}

async function ready(): Promise<MediaStore> {
  await checkMediaStore();
  return store();
}

/** The local file behind a key (key checked); meaningful only for the local-folder store. */
export function mediaPath(key: string): string {
  return path.join(/*turbopackIgnore: true*/ env().mediaDir, checkKey(key));
}

export async function writeMedia(key: string, bytes: Uint8Array): Promise<void> {
  checkKey(key);
  await (await ready()).write(key, bytes);
}

export async function readMedia(key: string): Promise<Buffer | null> {
  checkKey(key);
  return (await ready()).read(key);
}

export async function statMedia(key: string): Promise<{ size: number; mtimeMs: number } | null> {
  checkKey(key);
  return (await ready()).stat(key);
}

/** The file's bytes as a stream with its size, from one request; null when it is missing. */
export async function openMedia(key: string) {
  checkKey(key);
  return (await ready()).open(key);
}

export async function mediaStream(key: string): Promise<ReadableStream<Uint8Array> | null> {
  return (await openMedia(key))?.body ?? null;
}

export async function deleteMedia(key: string): Promise<void> {
  checkKey(key);
  await (await ready()).delete(key);
}

/** Deletes every file under a folder of keys (`outputs/<job>`); returns how many. */
export async function deletePrefix(prefix: string): Promise<number> {
  checkPrefix(prefix);
  return (await ready()).deletePrefix(prefix);
}

export async function listKeys(prefix: string): Promise<string[]> {
  checkPrefix(prefix);
  return (await ready()).listKeys(prefix);
}

/**
 * A URL that fetches the file without the studio for `seconds`, for a bucket store; null for
 * the local folder, whose files are served only through /media.
 */
export async function presignedUrl(key: string, seconds: number): Promise<string | null> {
  checkKey(key);
  return (await ready()).presignedUrl(key, seconds);
}
