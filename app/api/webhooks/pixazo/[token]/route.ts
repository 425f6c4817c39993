// The gateway's callback. It carries no signature, so it is only a hint: the token names the
// job, and the tracker confirms by reading the job's status from the gateway with the key.
// The body is never trusted, so repeats, late arrivals and forgeries change nothing.
import { z } from "zod";
import { findJobByToken } from "@/lib/db/jobs";
import { apiError } from "@/lib/http/api-error";
import { tracker } from "@/lib/jobs/tracker";

export const dynamic = "force-dynamic";

const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export async function POST(req: Request, ctx: { params: Promise<{ token: string }> }) {
  const { token } = await ctx.params;
  // Drain (bounded) so the caller sees a clean answer; the content itself is not used.
  await req.body?.cancel().catch(() => undefined);
  const parsed = tokenSchema.safeParse(token);
  const job = parsed.success ? await findJobByToken(parsed.data) : null;
  if (!job) return apiError(404, "not_found", "No job has this webhook token.");
  void tracker()
    .hint(job.id)
    .catch((err) => console.error("[webhook] could not follow up", job.id, err));
  return Response.json({ ok: true }, { status: 202 });
}
