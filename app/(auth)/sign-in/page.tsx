import { redirect } from "next/navigation";
import { hasSession } from "@/lib/auth/access";
import { passwordRequired } from "@/lib/auth/session";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (!passwordRequired() || (await hasSession())) redirect("/");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-2xl border border-neutral-800 bg-neutral-900/60 p-6 shadow-2xl">
        <div className="mb-5 flex items-center gap-3">
          <span
            aria-hidden
            className="h-8 w-8 rounded-lg bg-gradient-to-br from-violet-400 via-fuchsia-500 to-orange-400"
          />
          <h1 className="text-lg font-semibold">Hunyuan Studio</h1>
        </div>
        <SignInForm />
      </div>
    </main>
  );
}
