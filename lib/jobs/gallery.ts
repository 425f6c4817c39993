import "server-only";
// The gallery as the browser sees it: jobs newest first, as JobViews.
import { countVisible, galleryFingerprint, listJobs, waitingPlaces } from "@/lib/db/jobs";
import { db } from "@/lib/db/client";
import { mediaUrl, toBrowserJob, type BrowserJob } from "./browser-job";

export const GALLERY_PAGE = 60;
export const GALLERY_MAX = 2000;

export interface Gallery {
  fingerprint: string;
  total: number;
  jobs: BrowserJob[];
}

export async function loadGallery(limit = GALLERY_PAGE): Promise<Gallery> {
  const [fingerprint, total, rows, waiting] = await Promise.all([
    galleryFingerprint(),
    countVisible(),
    listJobs(Math.min(Math.max(1, limit), GALLERY_MAX)),
    waitingPlaces(),
  ]);
  const place = new Map(waiting.map((w, i) => [w.id, i + 1]));
  const outputIds = rows.map((r) => r.inputOutputId).filter((x): x is string => Boolean(x));
  const uploadIds = rows.map((r) => r.inputUploadId).filter((x): x is string => Boolean(x));
  const [inputs, uploads] = await Promise.all([
    outputIds.length
      ? db.output.findMany({
          where: { id: { in: outputIds } },
          select: { id: true, thumbKey: true, mediaKey: true },
        })
      : [],
    uploadIds.length
      ? db.upload.findMany({
          where: { id: { in: uploadIds } },
          select: { id: true, mediaKey: true },
        })
      : [],
  ]);
  const inputUrl = new Map<string, string | null>([
    ...inputs.map((o) => [o.id, mediaUrl(o.thumbKey ?? o.mediaKey)] as const),
    ...uploads.map((u) => [u.id, mediaUrl(u.mediaKey)] as const),
  ]);
  return {
    fingerprint,
    total,
    jobs: rows.map((r) =>
      toBrowserJob(r, {
        waitingPlace: place.get(r.id) ?? null,
        inputImageUrl: inputUrl.get(r.inputOutputId ?? r.inputUploadId ?? "") ?? null,
      }),
    ),
  };
}
