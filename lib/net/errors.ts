export type BlockedReason =
  "invalid-url" | "scheme" | "credentials" | "https-required" | "address" | "too-many-redirects";

/** The URL was refused by policy; nothing was sent to it. */
export class BlockedUrlError extends Error {
  readonly reason: BlockedReason;

  constructor(reason: BlockedReason, message: string) {
    super(message);
    this.name = "BlockedUrlError";
    this.reason = reason;
  }
}

export type FetchLimitKind = "timeout" | "size";

export class FetchLimitError extends Error {
  readonly kind: FetchLimitKind;

  constructor(kind: FetchLimitKind, message: string) {
    super(message);
    this.name = "FetchLimitError";
    this.kind = kind;
  }
}
