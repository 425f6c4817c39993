"use server";
// Share links from the studio: make one for a job (the link is shown once), revoke one.
import { z } from "zod";
import { ActionError, action } from "@/lib/auth/access";
import { SHARE_DAYS, SHARE_DAYS_DEFAULT, type ShareDays } from "@/lib/shares/choices";
import { createShareLink, revokeShareLink } from "@/lib/shares/links";

const createInput = z.object({
  jobId: z.string().uuid("That job does not exist."),
  days: z
    .number()
    .refine((d): d is ShareDays => (SHARE_DAYS as readonly number[]).includes(d), {
      message: `Choose ${SHARE_DAYS.join(", ")} days.`,
    })
    .default(SHARE_DAYS_DEFAULT),
});

export const createShare = action(createInput, async ({ jobId, days }) => {
  const made = await createShareLink(jobId, days as ShareDays);
  if (!made) throw new ActionError("not_found", "That job was deleted or removed.");
  return { id: made.id, path: `/s/${made.token}`, expiresAt: made.expiresAt.toISOString() };
});

export const revokeShare = action(
  z.object({ id: z.string().uuid("That link does not exist.") }),
  async ({ id }) => {
    await revokeShareLink(id);
    return { id };
  },
);
