// Where a gallery page ends: the last job's creation time and id, so the next page starts
// right after it whatever was added or removed meanwhile (keyset pagination, no offsets).
// Opaque to the browser; a cursor that was tampered with reads as "no cursor".

export interface GalleryCursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(c: GalleryCursor): string {
  return Buffer.from(`${c.createdAt.getTime()}.${c.id}`).toString("base64url");
}

export function decodeCursor(raw: string | null | undefined): GalleryCursor | null {
  if (!raw || raw.length > 200) return null;
  let text: string;
  try {
    text = Buffer.from(raw, "base64url").toString("utf8");
  } catch {
    return null;
  }
  const m = /^(\d{1,15})\.([0-9a-f-]{36})$/.exec(text);
  if (!m) return null;
  const createdAt = new Date(Number(m[1]));
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: m[2] };
}
