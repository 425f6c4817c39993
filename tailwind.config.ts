// The studio's design tokens. Every palette the components use points at a CSS variable, and
// app/globals.css gives each variable a dark value and a light value: the theme changes the
// variables, never the class names. Tailwind 4 reads this file through `@config` in
// globals.css; opacity modifiers (`bg-amber-400/10`) work on these colours through color-mix().
import type { Config } from "tailwindcss";

const STEPS = [50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950] as const;

/** Palettes whose shades change with the theme. White and black stay themselves. */
const THEMED = [
  "neutral",
  "violet",
  "fuchsia",
  "orange",
  "amber",
  "emerald",
  "sky",
  "red",
] as const;

function palette(name: string): Record<string, string> {
  return Object.fromEntries(STEPS.map((step) => [step, `var(--${name}-${step})`]));
}

export default {
  // `dark:` utilities follow the theme the toggle chose, not only the system setting.
  darkMode: ["selector", '[data-theme="dark"]'],
  theme: {
    extend: {
      colors: Object.fromEntries(THEMED.map((name) => [name, palette(name)])),
    },
  },
} satisfies Config;
