// What every media store offers (a local folder, an S3-compatible bucket), and the one rule
// for keys that both apply: relative, slash-separated names that cannot climb out.
import { ConfigError } from "@/lib/env";

const KEY = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)*$/i;

export class MediaKeyError extends Error {}

/**
 * The store cannot be used as configured (missing bucket, refused credentials, unreachable
 * endpoint, unwritable folder). The message says what to change, for the operator's log.
 */
export class MediaStoreError extends ConfigError {}

export interface MediaStat {
  size: number;
  mtimeMs: number;
}

export interface OpenedMedia extends MediaStat {
  /** Pulled on demand: the file is never held whole in memory. */
  body: ReadableStream<Uint8Array>;
}

export interface MediaStore {
  /** For logs: where the files live. */
  readonly description: string;
  write(key: string, bytes: Uint8Array): Promise<void>;
  read(key: string): Promise<Buffer | null>;
  stat(key: string): Promise<MediaStat | null>;
  open(key: string): Promise<OpenedMedia | null>;
  /** No error when the key is already gone. */
  delete(key: string): Promise<void>;
  /** Removes every key under a folder (`outputs/<job>` removes `outputs/<job>/...`); returns how many. */
  deletePrefix(prefix: string): Promise<number>;
  /** Every key under a folder, sorted. */
  listKeys(prefix: string): Promise<string[]>;
  /** A URL anyone holding it can GET for `seconds`; null where the store has none (local folder). */
  presignedUrl(key: string, seconds: number): Promise<string | null>;
  /** Throws a MediaStoreError saying what to fix when the store cannot be used. */
  check(): Promise<void>;
}

export function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes("..") || key.length > 300) {
    throw new MediaKeyError(`Invalid media key: ${key.slice(0, 80)}`);
  }
  return key;
}

/** A folder of keys, returned with one trailing slash; never the whole store. */
export function checkPrefix(prefix: string): string {
  const folder = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  if (!KEY.test(folder) || folder.includes("..") || folder.length > 300) {
    throw new MediaKeyError(`Invalid media prefix: ${prefix.slice(0, 80)}`);
  }
  return `${folder}/`;
}
