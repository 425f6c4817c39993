import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Hunyuan Studio",
  description: "Prompt to image to 3D, on Tencent's Hunyuan models.",
  applicationName: "Hunyuan Studio",
  manifest: "/manifest.webmanifest",
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "32x32" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: [{ url: "/apple-touch-icon.png", sizes: "180x180" }],
  },
};

export const viewport: Viewport = {
  colorScheme: "dark light",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0a0a0a" },
  ],
};

// Sets data-theme on <html> before the first paint: the choice stored by the theme toggle
// (components/ui/theme-toggle.tsx, same key), else the system's. It follows the system while
// no choice is stored, and re-reads on every "storage" event: other tabs, and the toggle's own.
const THEME_SCRIPT = `(() => {
  const key = "hunyuan-studio.theme";
  const root = document.documentElement;
  const system = matchMedia("(prefers-color-scheme: light)");
  const apply = () => {
    let chosen = null;
    try { chosen = localStorage.getItem(key); } catch {}
    root.dataset.theme = chosen === "light" || chosen === "dark" ? chosen : system.matches ? "light" : "dark";
  };
  apply();
  system.addEventListener("change", apply);
  addEventListener("storage", (e) => { if (e.key === key || e.key === null) apply(); });
})();`;

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The proxy gives each page a CSP nonce; an inline script runs only with it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The theme script changes <html>'s attributes before React hydrates.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script
          nonce={nonce}
          suppressHydrationWarning
          dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }}
        />
      </head>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
