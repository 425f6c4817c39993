import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "Hunyuan Studio",
  description: "Prompt to image to 3D, on Tencent's Hunyuan models.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
