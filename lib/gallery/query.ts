// What the gallery shows, as one value held in the page's URL: search text, filters, sort and
// board. The same schema reads a URL in the browser and a request on the server, so a link
// sent to a teammate gives the same view. Client-safe.
import { z } from "zod";
import { MODELS, type ModelId } from "@/lib/gateway/models";

const MODEL_IDS = Object.keys(MODELS) as [ModelId, ...ModelId[]];

export const SEARCH_MAX = 200;

export const STATE_GROUPS = ["in-flight", "completed", "failed"] as const;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates are written YYYY-MM-DD.")
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, "That date does not exist.");

/** Drops what a URL cannot hold well: lone surrogates and control characters. */
function cleanText(s: string) {
  return s
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "")
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .trim();
}

export const galleryQuery = z
  .object({
    q: z
      .string()
      .transform(cleanText)
      .pipe(z.string().max(SEARCH_MAX, `Search for at most ${SEARCH_MAX} characters.`))
      .optional(),
    kind: z.enum(["image", "mesh"]).optional(),
    model: z.enum(MODEL_IDS).optional(),
    state: z.enum(STATE_GROUPS).optional(),
    from: day.optional(),
    to: day.optional(),
    favorites: z.literal(true).optional(),
    board: z.string().uuid("That board does not exist.").optional(),
    sort: z.enum(["newest", "oldest"]).optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    message: "The end date is before the start date.",
    path: ["to"],
  });

export type GalleryQuery = z.infer<typeof galleryQuery>;

const KEYS = ["q", "kind", "model", "state", "from", "to", "favorites", "board", "sort"] as const;

/** The query a URL's search params describe; what cannot be read is left out, with why. */
export function readGalleryQuery(params: URLSearchParams): {
  query: GalleryQuery;
  problems: string[];
} {
  const raw: Record<string, unknown> = {};
  for (const k of KEYS) {
    const v = params.get(k);
    if (v === null || v === "") continue;
    raw[k] = k === "favorites" ? v === "1" || v === "true" || v : v;
  }
  const parsed = galleryQuery.safeParse(raw);
  if (parsed.success) return { query: parsed.data, problems: [] };
  // Keep every field that is fine on its own; report the rest.
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? "")));
  for (const k of bad) delete raw[k];
  const retry = galleryQuery.safeParse(raw);
  return {
    query: retry.success ? retry.data : {},
    problems: parsed.error.issues.map((i) => i.message),
  };
}

/** The search params for a query, in a stable order, leaving defaults out. */
export function galleryQueryParams(query: GalleryQuery): URLSearchParams {
  const out = new URLSearchParams();
  for (const k of KEYS) {
    const v = query[k];
    if (v === undefined || v === "" || (k === "sort" && v === "newest")) continue;
    out.set(k, v === true ? "1" : String(v));
  }
  return out;
}

export function isFiltered(query: GalleryQuery): boolean {
  return KEYS.some((k) => k !== "sort" && query[k] !== undefined && query[k] !== "");
}
