import "server-only";
// The media store in an S3-compatible bucket (AWS S3, MinIO, Ceph...). Keys live under the
// configured prefix; large files go up in parts; reads stream straight from the bucket.
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { Readable } from "node:stream";
import type { S3Settings } from "@/lib/env";
import { mimeOfName } from "@/lib/media/formats";
import {
  checkKey,
  checkPrefix,
  MediaStoreError,
  type MediaStat,
  type MediaStore,
  type OpenedMedia,
} from "./types";

/** Parts of a multipart upload; at most PART_BYTES * QUEUE bytes are in flight at once. */
const PART_BYTES = 8 * 1024 * 1024;
const QUEUE = 4;
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

interface AwsError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const statusOf = (err: unknown) => (err as AwsError).$metadata?.httpStatusCode;
const isMissingKey = (err: unknown) => {
  const name = (err as AwsError).name;
  return name === "NoSuchKey" || (name === "NotFound" && statusOf(err) === 404);
};

export class S3Store implements MediaStore {
  readonly description: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(
    private readonly settings: S3Settings,
    /** Keys asked for per listing page; small only in tests, to exercise paging. */
    private readonly pageSize = 1000,
  ) {
    this.bucket = settings.bucket;
    this.prefix = settings.prefix;
    this.description = `s3://${settings.bucket}/${settings.prefix} at ${settings.endpoint ?? `AWS S3 (${settings.region})`}`;
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
      // The SDK's default frames streamed bodies with checksums that some S3-compatible
      // servers store inside the object; AWS S3 and MinIO accept either setting.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    });
  }

  private objectKey(key: string): string {
    return this.prefix + checkKey(key);
  }

  async write(key: string, bytes: Uint8Array): Promise<void> {
    const params = {
      Bucket: this.bucket,
      Key: this.objectKey(key),
      Body: bytes,
      ContentType: mimeOfName(key),
    };
    if (bytes.byteLength <= PART_BYTES) {
      await this.client.send(new PutObjectCommand(params));
      return;
    }
    const upload = new Upload({
      client: this.client,
      params,
      partSize: PART_BYTES,
      queueSize: QUEUE,
      leavePartsOnError: false,
    });
    await upload.done();
  }

  async read(key: string): Promise<Buffer | null> {
    const got = await this.get(key);
    if (!got?.Body) return null;
    const bytes = await got.Body.transformToByteArray();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  async stat(key: string): Promise<MediaStat | null> {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
      );
      return { size: head.ContentLength ?? 0, mtimeMs: head.LastModified?.getTime() ?? 0 };
    } catch (err) {
      if (isMissingKey(err)) return null;
      throw err;
    }
  }

  async open(key: string): Promise<OpenedMedia | null> {
    const got = await this.get(key);
    if (!got?.Body) return null;
    // In Node the body is the HTTP response itself; toWeb pulls from it only as the reader
    // asks, so a large mesh passes through in chunks.
    const body = Readable.toWeb(got.Body as Readable) as ReadableStream<Uint8Array>;
    return {
      body,
      size: got.ContentLength ?? 0,
      mtimeMs: got.LastModified?.getTime() ?? 0,
    };
  }

  private async get(key: string) {
    try {
      return await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
      );
    } catch (err) {
      if (isMissingKey(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
    );
  }

  async deletePrefix(prefix: string): Promise<number> {
    let deleted = 0;
    for await (const page of this.pages(prefix)) {
      if (page.length === 0) continue;
      const res = await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: page.map((Key) => ({ Key })), Quiet: true },
        }),
      );
      const failed = res.Errors ?? [];
      if (failed.length > 0) {
        throw new Error(
          `Could not delete ${failed.length} objects under ${prefix}: ${failed[0].Code} ${failed[0].Message ?? ""}`,
        );
      }
      deleted += page.length;
    }
    return deleted;
  }

  async listKeys(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const page of this.pages(prefix)) {
      for (const k of page) keys.push(k.slice(this.prefix.length));
    }
    return keys.sort();
  }

  /** Object keys (with the store's prefix) under a folder, a page at a time. */
  private async *pages(prefix: string): AsyncGenerator<string[]> {
    const Prefix = this.prefix + checkPrefix(prefix);
    let ContinuationToken: string | undefined;
    do {
      const res = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix,
          ContinuationToken,
          MaxKeys: this.pageSize,
        }),
      );
      yield (res.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : []));
      ContinuationToken = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  async presignedUrl(key: string, seconds: number): Promise<string> {
    const expiresIn = Math.max(1, Math.min(Math.floor(seconds), MAX_PRESIGN_SECONDS));
    return getSignedUrl(
      this.client,
      new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
      { expiresIn },
    );
  }

  /** The bucket exists, the credentials are accepted, and they may write and delete. */
  async check(): Promise<void> {
    const probe = `${this.prefix}.studio-check`;
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: probe, Body: "ok" }));
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: probe }));
    } catch (err) {
      throw new MediaStoreError(this.explain(err));
    }
  }

  private explain(err: unknown): string {
    const e = err as AwsError;
    const where = this.settings.endpoint ?? `AWS S3 in ${this.settings.region}`;
    const bucket = `the bucket "${this.bucket}" (MEDIA_STORE)`;
    const status = statusOf(err);
    const code = e.code ?? e.name ?? "";
    if (code === "NoSuchBucket" || (status === 404 && code === "NotFound")) {
      return `Media store: ${bucket} does not exist at ${where}. Create it, or fix MEDIA_STORE / S3_ENDPOINT.`;
    }
    if (
      status === 403 ||
      ["InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "Forbidden"].includes(code)
    ) {
      return (
        `Media store: ${where} refused the credentials for ${bucket} (${code || status}). ` +
        "Check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and that they may list, read, write and delete in the bucket."
      );
    }
    if (status === 301 || code === "PermanentRedirect" || code === "AuthorizationHeaderMalformed") {
      return `Media store: ${bucket} is in another region than S3_REGION (${this.settings.region}). Set S3_REGION to the bucket's region.`;
    }
    if (e.name === "CredentialsProviderError") {
      return "Media store: no S3 credentials found. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.";
    }
    if (
      [
        "ECONNREFUSED",
        "ENOTFOUND",
        "EAI_AGAIN",
        "ETIMEDOUT",
        "ECONNRESET",
        "TimeoutError",
      ].includes(code)
    ) {
      return `Media store: cannot reach ${where} (${code}). Check S3_ENDPOINT and that the server is running.`;
    }
    return `Media store: ${bucket} at ${where} cannot be used: ${code || "error"} ${e.message ?? String(err)}`.trim();
  }
}
