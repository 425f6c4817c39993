"use client";
// Asks the browser for permission to notify when jobs finish; shown only while it can be asked.
import { Button } from "./button";
import type { NotifyPermission } from "./use-job-notifications";

export function NotifyButton({
  permission,
  onRequest,
}: {
  permission: NotifyPermission;
  onRequest: () => void | Promise<void>;
}) {
  if (permission !== "default") return null;
  return (
    <Button
      size="sm"
      variant="ghost"
      onClick={() => void onRequest()}
      title="Get a browser notification when a job finishes while this tab is in the background"
    >
      Notify me when jobs finish
    </Button>
  );
}
