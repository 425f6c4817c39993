import { redirect } from "next/navigation";
import { hasSession } from "@/lib/auth/access";
import { passwordRequired } from "@/lib/auth/session";
import { Brand } from "@/components/ui/brand";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { env } from "@/lib/env";
import { signOut } from "../(auth)/actions";

export const dynamic = "force-dynamic";

export default async function StudioLayout({ children }: { children: React.ReactNode }) {
  if (!(await hasSession())) redirect("/sign-in");
  const sandbox = env().mode === "sandbox";
  return (
    <>
      <header className="border-b border-neutral-800/80 bg-neutral-950/80 backdrop-blur">
        <div className="mx-auto flex max-w-[1600px] flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 lg:px-8">
          <Brand />
          <div className="flex flex-wrap items-center gap-3">
            {sandbox ? (
              <p
                role="status"
                title="No PIXAZO_API_KEY is configured, so jobs run on the studio's built-in sandbox gateway: it speaks the same protocol and makes real files, but the pictures and meshes are synthetic and nothing is charged."
                className="rounded-full border border-amber-400/40 bg-amber-400/10 px-3 py-1 text-xs font-medium text-amber-200"
              >
                Sandbox mode
                <span className="hidden sm:inline">
                  {" "}
                  · synthetic results, no API key, nothing is charged
                </span>
              </p>
            ) : (
              <p className="rounded-full border border-emerald-400/30 bg-emerald-400/10 px-3 py-1 text-xs text-emerald-200">
                Pixazo gateway
              </p>
            )}
            {passwordRequired() ? (
              <form action={signOut}>
                <button
                  type="submit"
                  className="rounded-lg px-3 py-1.5 text-xs text-neutral-300 hover:bg-neutral-800"
                >
                  Sign out
                </button>
              </form>
            ) : null}
            <ThemeToggle />
          </div>
        </div>
      </header>
      {children}
    </>
  );
}
