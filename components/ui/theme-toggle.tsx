"use client";
// System, light or dark. The choice lives in localStorage; the inline script in app/layout.tsx
// applies it (before the first paint, and again on every "storage" event, which this sends).
import { useSyncExternalStore } from "react";

type ThemeChoice = "system" | "light" | "dark";

// The same key as the script in app/layout.tsx.
const KEY = "hunyuan-studio.theme";

function readChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(KEY);
    return stored === "light" || stored === "dark" ? stored : "system";
  } catch {
    return "system";
  }
}

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  return () => window.removeEventListener("storage", onChange);
}

function choose(choice: ThemeChoice) {
  try {
    if (choice === "system") localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // Storage refused (privacy settings): the theme cannot be remembered.
  }
  window.dispatchEvent(new StorageEvent("storage", { key: KEY }));
}

const CHOICES: { value: ThemeChoice; label: string; icon: React.ReactNode }[] = [
  {
    value: "system",
    label: "System",
    icon: (
      <>
        <rect x="2.5" y="3.5" width="15" height="10" rx="1.5" />
        <path d="M7 16.5h6M10 13.5v3" />
      </>
    ),
  },
  {
    value: "light",
    label: "Light",
    icon: (
      <>
        <circle cx="10" cy="10" r="3.25" />
        <path d="M10 2.5v1.75M10 15.75v1.75M2.5 10h1.75M15.75 10h1.75M4.7 4.7l1.24 1.24M14.06 14.06l1.24 1.24M4.7 15.3l1.24-1.24M14.06 5.94l1.24-1.24" />
      </>
    ),
  },
  {
    value: "dark",
    label: "Dark",
    icon: <path d="M16.5 12.2A6.75 6.75 0 0 1 7.8 3.5a6.75 6.75 0 1 0 8.7 8.7Z" />,
  },
];

export function ThemeToggle() {
  const current = useSyncExternalStore(subscribe, readChoice, () => "system" as const);
  return (
    <div
      role="radiogroup"
      aria-label="Theme"
      className="flex shrink-0 rounded-lg border border-neutral-800 bg-neutral-900 p-0.5"
    >
      {CHOICES.map((c) => (
        <label
          key={c.value}
          title={c.label}
          className="relative grid size-7 place-items-center rounded-md text-neutral-400 hover:text-neutral-100 has-checked:bg-neutral-700 has-checked:text-neutral-50"
        >
          <input
            type="radio"
            name="theme"
            value={c.value}
            checked={current === c.value}
            onChange={() => choose(c.value)}
            className="absolute inset-0 cursor-pointer appearance-none rounded-md focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-violet-400"
          />
          <svg
            aria-hidden
            viewBox="0 0 20 20"
            className="pointer-events-none relative size-4"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.5"
            strokeLinecap="round"
            strokeLinejoin="round"
          >
            {c.icon}
          </svg>
          <span className="sr-only">{c.label}</span>
        </label>
      ))}
    </div>
  );
}
