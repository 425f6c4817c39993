/** The studio's mark and name, as the header and the sign-in card show them. */
export function Brand({ size = "md" }: { size?: "md" | "lg" }) {
  return (
    <div className="flex items-center gap-3">
      <span
        aria-hidden
        className={`${size === "lg" ? "h-8 w-8" : "h-7 w-7"} shrink-0 rounded-lg bg-gradient-to-br from-violet-400 via-fuchsia-500 to-orange-400`}
      />
      <h1
        className={`whitespace-nowrap font-semibold tracking-tight ${size === "lg" ? "text-lg" : "text-base"}`}
      >
        Hunyuan Studio
      </h1>
    </div>
  );
}
