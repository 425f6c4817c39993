/** The studio's mark and name, as the header and the sign-in card show them. */
export function Brand({ size = "md" }: { size?: "md" | "lg" }) {
  return (
    <div className="flex items-center gap-3">
      {/* The same stops as public/icon.svg, fixed: the mark does not change with the theme. */}
      <span
        aria-hidden
        className={`${size === "lg" ? "h-8 w-8" : "h-7 w-7"} shrink-0 rounded-lg bg-[linear-gradient(to_bottom_right,#a684ff,#e12afb,#ff8904)]`}
      />
      <h1
        className={`whitespace-nowrap font-semibold tracking-tight ${size === "lg" ? "text-lg" : "text-base"}`}
      >
        Hunyuan Studio
      </h1>
    </div>
  );
}
