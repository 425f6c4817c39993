// How long a share link lives: the choices the "Share" dialog offers. Client-safe.
export const SHARE_DAYS = [1, 7, 30] as const;
export type ShareDays = (typeof SHARE_DAYS)[number];
export const SHARE_DAYS_DEFAULT: ShareDays = 7;

/** A share link as the studio's list shows it: never its token, which is shown once. */
export interface ShareRow {
  id: string;
  jobId: string;
  prompt: string;
  modelLabel: string;
  createdAt: string;
  expiresAt: string;
}
