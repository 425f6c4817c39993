"use client";
// Short messages at the bottom of the screen that go away on their own. Two live regions, always
// in the page so screen readers hear what is added: polite for news, assertive for errors.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from "react";

export type ToastTone = "info" | "success" | "error";

export interface ToastOptions {
  tone?: ToastTone;
  /** How long it stays, in ms; errors stay longer by default. */
  duration?: number;
  action?: { label: string; onClick: () => void };
}

interface Toast extends Required<Pick<ToastOptions, "tone" | "duration">> {
  id: number;
  message: string;
  action?: ToastOptions["action"];
}

export interface ToastApi {
  /** Shows a message; returns its id, for `dismiss`. */
  show: (message: string, options?: ToastOptions) => number;
  dismiss: (id: number) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

/** At most this many at once; the oldest goes first. */
const MAX_TOASTS = 4;

const TONES: Record<ToastTone, string> = {
  info: "border-neutral-700 bg-neutral-900 text-neutral-200",
  success: "border-emerald-500/40 bg-neutral-900 text-emerald-200",
  error: "border-red-500/40 bg-neutral-900 text-red-200",
};

let nextId = 1;

function subscribeVisibility(listener: () => void) {
  document.addEventListener("visibilitychange", listener);
  return () => document.removeEventListener("visibilitychange", listener);
}

export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);

  const dismiss = useCallback((id: number) => {
    setToasts((all) => all.filter((t) => t.id !== id));
  }, []);

  const show = useCallback((message: string, options: ToastOptions = {}) => {
    const tone = options.tone ?? "info";
    const toast: Toast = {
      id: nextId++,
      message,
      tone,
      duration: options.duration ?? (tone === "error" ? 8000 : 5000),
      action: options.action,
    };
    setToasts((all) => [...all, toast].slice(-MAX_TOASTS));
    return toast.id;
  }, []);

  const api = useMemo(() => ({ show, dismiss }), [show, dismiss]);
  const polite = toasts.filter((t) => t.tone !== "error");
  const urgent = toasts.filter((t) => t.tone === "error");

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="pointer-events-none fixed inset-x-0 bottom-4 z-[60] flex flex-col items-center gap-2 px-4">
        <div role="alert" className="flex flex-col items-center gap-2">
          {urgent.map((t) => (
            <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
          ))}
        </div>
        <div role="status" aria-live="polite" className="flex flex-col items-center gap-2">
          {polite.map((t) => (
            <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
          ))}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  // Hovering or focusing a toast holds it, so it can be read and its button reached; and it
  // does not run out while the tab is hidden and nobody can see it.
  const [held, setHeld] = useState(false);
  const hidden = useSyncExternalStore(
    subscribeVisibility,
    () => document.visibilityState === "hidden",
    () => false,
  );
  useEffect(() => {
    if (held || hidden) return;
    const timer = setTimeout(() => onDismiss(toast.id), toast.duration);
    return () => clearTimeout(timer);
  }, [held, hidden, toast.id, toast.duration, onDismiss]);

  return (
    <div
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
      className={`pointer-events-auto flex max-w-md items-center gap-3 rounded-xl border px-4 py-2.5 text-sm shadow-2xl ${TONES[toast.tone]}`}
    >
      <span className="min-w-0 flex-1">{toast.message}</span>
      {toast.action ? (
        <button
          type="button"
          onClick={() => {
            toast.action?.onClick();
            onDismiss(toast.id);
          }}
          className="shrink-0 font-medium text-violet-300 hover:text-violet-200"
        >
          {toast.action.label}
        </button>
      ) : null}
      <button
        type="button"
        aria-label="Dismiss"
        onClick={() => onDismiss(toast.id)}
        className="shrink-0 text-neutral-500 hover:text-neutral-300"
      >
        ×
      </button>
    </div>
  );
}

/** The toasts of the nearest ToastProvider. */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast needs a <ToastProvider> above it");
  return api;
}
