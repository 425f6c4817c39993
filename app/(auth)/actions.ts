"use server";
// Signing in and out. Attempts are rate-limited per client.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientKey } from "@/lib/auth/access";
import { RateLimiter } from "@/lib/auth/rate-limit";
import { SESSION_COOKIE, SESSION_MAX_AGE_S, checkPassword, issueSession } from "@/lib/auth/session";
import { env } from "@/lib/env";

// Per client, and for everyone together. The client's address comes from X-Forwarded-For,
// which a client can forge when no proxy sets it, so the global bucket is what bounds
// guessing; the price is that a flood can make sign-in wait, at most a minute at a time.
const attempts = new RateLimiter(5, 60_000);
const allAttempts = new RateLimiter(60, 60_000);

const signInInput = z.object({
  password: z.string().min(1, "Enter the studio's password.").max(1000),
});

export type SignInState = { message: string } | null;

export async function signIn(_prev: SignInState, form: FormData): Promise<SignInState> {
  const wait = Math.max(attempts.take(await clientKey()), allAttempts.take("all"));
  if (wait > 0) return { message: `Too many attempts. Try again in ${Math.ceil(wait / 1000)} s.` };
  const parsed = signInInput.safeParse({ password: form.get("password") });
  if (!parsed.success) return { message: parsed.error.issues[0].message };
  if (!checkPassword(parsed.data.password)) return { message: "That password is not right." };
  const jar = await cookies();
  jar.set(SESSION_COOKIE, issueSession(), {
    httpOnly: true,
    sameSite: "lax",
    secure: env().nodeEnv === "production" && (env().publicBaseUrl ?? "").startsWith("https:"),
    path: "/",
    maxAge: SESSION_MAX_AGE_S,
  });
  redirect("/");
}

export async function signOut(): Promise<void> {
  const jar = await cookies();
  jar.delete(SESSION_COOKIE);
  redirect("/sign-in");
}
