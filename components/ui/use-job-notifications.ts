"use client";
// Tells the designer when jobs end while the studio's tab is hidden: a toast (kept until the tab
// is seen again) and, if the browser allows it, a system notification.
import { useEffect, useRef, useSyncExternalStore } from "react";
import type { BrowserJob } from "@/lib/jobs/browser-job";
import type { JobState } from "@/lib/jobs/states";
import { endedSince, finishText } from "./job-notifications";
import { useToast } from "./toasts";

export type NotifyPermission = NotificationPermission | "unsupported";

// The browser has no event for a permission change made through requestPermission: this
// store's listeners are told after each request instead.
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function readPermission(): NotifyPermission {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

/** Whether jobs may notify, and how to ask: call `requestPermission` from a click. */
export function useNotificationPermission() {
  const permission = useSyncExternalStore(subscribe, readPermission, () => "unsupported" as const);
  async function requestPermission() {
    if (typeof Notification === "undefined") return;
    await Notification.requestPermission();
    for (const listener of listeners) listener();
  }
  return { permission, requestPermission };
}

/**
 * Watches `jobs` (the list the gallery shows) and speaks up when one goes from in flight to
 * ended while the tab is hidden, or was hidden since the last look (polling may pause while
 * hidden, so the news can arrive as the designer comes back: then only the toast shows).
 * Needs a ToastProvider above it. `onOpenJob` runs when the notification is clicked.
 */
export function useJobNotifications(
  jobs: BrowserJob[],
  options: { onOpenJob?: (jobId: string) => void } = {},
) {
  const toast = useToast();
  const { permission, requestPermission } = useNotificationPermission();
  const seen = useRef<Map<string, JobState> | null>(null);
  const hiddenSinceLastLook = useRef(false);
  const onOpenJob = useRef(options.onOpenJob);

  useEffect(() => {
    onOpenJob.current = options.onOpenJob;
  });

  useEffect(() => {
    const mark = () => {
      if (document.visibilityState === "hidden") hiddenSinceLastLook.current = true;
    };
    mark();
    document.addEventListener("visibilitychange", mark);
    return () => document.removeEventListener("visibilitychange", mark);
  }, []);

  useEffect(() => {
    const previous = seen.current;
    seen.current = new Map(jobs.map((j) => [j.id, j.state]));
    const hiddenNow = document.visibilityState === "hidden";
    const away = hiddenNow || hiddenSinceLastLook.current;
    hiddenSinceLastLook.current = hiddenNow;
    if (!previous || !away) return;
    const ended = endedSince(previous, jobs);
    if (ended.length === 0) return;

    const text = finishText(ended);
    toast.show(`${text.title}: ${text.body}`, { tone: text.failed ? "error" : "success" });
    if (!hiddenNow || readPermission() !== "granted") return;
    try {
      const note = new Notification(text.title, { body: text.body, tag: "studio-jobs" });
      note.onclick = () => {
        window.focus();
        if (ended.length === 1) onOpenJob.current?.(ended[0].id);
        note.close();
      };
    } catch {
      // Some browsers (Android) only notify from a service worker; the toast still shows.
    }
  }, [jobs, toast]);

  return { permission, requestPermission };
}
