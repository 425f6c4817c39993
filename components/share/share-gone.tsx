// What a share link that no longer opens anything says: why, and nothing of the job.
import { Brand } from "@/components/ui/brand";

const WORDS = {
  invalid: {
    title: "This link does not open anything",
    body: "It may have been copied incompletely, or the job was deleted. Ask whoever sent it for a new link.",
  },
  expired: {
    title: "This link has expired",
    body: "Share links last a limited time. Ask whoever sent it for a new one.",
  },
  revoked: {
    title: "This link was turned off",
    body: "Whoever shared it has revoked it. Ask them for a new link if you still need it.",
  },
} as const;

export function ShareGone({ why, at }: { why: keyof typeof WORDS; at: string | null }) {
  const words = WORDS[why];
  return (
    <main className="mx-auto flex min-h-dvh max-w-lg flex-col items-center justify-center gap-4 px-6 text-center">
      <Brand />
      <h2 className="text-lg font-semibold text-neutral-100">{words.title}</h2>
      <p className="text-sm text-neutral-400">{words.body}</p>
      {at && why !== "invalid" ? (
        <p className="text-xs text-neutral-500">
          {why === "expired" ? "Expired" : "Revoked"} on{" "}
          <time dateTime={at}>{new Date(at).toUTCString()}</time>
        </p>
      ) : null}
    </main>
  );
}
