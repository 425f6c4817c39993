import { redirect } from "next/navigation";
import { hasSession } from "@/lib/auth/access";
import { passwordRequired } from "@/lib/auth/session";
import { Brand } from "@/components/ui/brand";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (!passwordRequired() || (await hasSession())) redirect("/");
  return (
    <main className="relative flex min-h-screen items-center justify-center px-4">
      <div className="absolute right-4 top-4">
        <ThemeToggle />
      </div>
      <div className="w-full max-w-sm rounded-2xl border border-neutral-800 bg-neutral-900/60 p-6 shadow-2xl">
        <div className="mb-5">
          <Brand size="lg" />
        </div>
        <SignInForm />
      </div>
    </main>
  );
}
