import { forwardRef } from "react";

type Variant = "primary" | "secondary" | "ghost" | "danger";

const styles: Record<Variant, string> = {
  primary:
    "bg-violet-500 text-white hover:bg-violet-400 dark:hover:bg-violet-600 disabled:bg-violet-500/40 disabled:text-white/60 shadow-sm shadow-violet-900/40",
  secondary:
    "bg-neutral-800 text-neutral-100 hover:bg-neutral-700 border border-neutral-700 disabled:opacity-50",
  ghost: "text-neutral-300 hover:bg-neutral-800 hover:text-white disabled:opacity-50",
  danger: "bg-red-500/15 text-red-200 hover:bg-red-500/25 border border-red-500/30",
};

export const Button = forwardRef<
  HTMLButtonElement,
  React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; size?: "sm" | "md" }
>(function Button({ variant = "secondary", size = "md", className = "", ...props }, ref) {
  const sz = size === "sm" ? "h-8 px-3 text-xs" : "h-10 px-4 text-sm";
  return (
    <button
      ref={ref}
      className={`inline-flex items-center justify-center gap-1.5 rounded-lg font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-400 disabled:cursor-not-allowed ${sz} ${styles[variant]} ${className}`}
      {...props}
    />
  );
});

export function LinkButton({
  className = "",
  size = "md",
  ...props
}: React.AnchorHTMLAttributes<HTMLAnchorElement> & { size?: "sm" | "md" }) {
  const sz = size === "sm" ? "h-8 px-3 text-xs" : "h-10 px-4 text-sm";
  return (
    <a
      className={`inline-flex items-center justify-center gap-1.5 rounded-lg border border-neutral-700 bg-neutral-800 font-medium text-neutral-100 transition-colors hover:bg-neutral-700 focus-visible:outline-2 focus-visible:outline-violet-400 ${sz} ${className}`}
      {...props}
    />
  );
}
