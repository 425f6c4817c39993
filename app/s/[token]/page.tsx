// A shared job, read-only, for anyone with the link: the image or the 3D viewer, the prompt and
// the parameters. No session, no other jobs, no way to generate. A link that was revoked, has
// expired or was never made says so, and shows nothing of the job.
import type { Metadata } from "next";
import { SharedJob } from "@/components/share/shared-job";
import { ShareGone } from "@/components/share/share-gone";
import { findJob } from "@/lib/db/jobs";
import { toBrowserJob } from "@/lib/jobs/browser-job";
import { openShare } from "@/lib/shares/links";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Shared from Hunyuan Studio",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

export default async function SharedPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const opened = await openShare(token);
  if (!opened.ok) return <ShareGone why={opened.why} at={opened.at?.toISOString() ?? null} />;
  const row = await findJob(opened.jobId);
  if (!row) return <ShareGone why="invalid" at={null} />;
  const file = (index: number, kind: "image" | "preview" | "glb") =>
    `/s/${token}/file/${index}?kind=${kind}`;
  const job = toBrowserJob(row);
  // The studio's own media links need a session; the page gets the share's instead.
  const shown = {
    ...job,
    inputImageUrl: null,
    outputs: job.outputs
      .filter((o) => o.state === "STORED")
      .map((o) => ({
        ...o,
        url: file(o.index, job.kind === "mesh" ? "glb" : "image"),
        thumbUrl: null,
        previewUrl: job.kind === "mesh" ? file(o.index, "preview") : null,
        downloadUrl: `${file(o.index, job.kind === "mesh" ? "glb" : "image")}&download=1`,
      })),
  };
  return <SharedJob job={shown} expiresAt={opened.expiresAt.toISOString()} />;
}
