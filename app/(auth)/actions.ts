"use server";
// Signing in and out. Attempts are limited per client address (as the studio's server saw it),
// and failed ones back off exponentially for that address alone.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientKey, requestProto } from "@/lib/auth/access";
import {
  LIMITS,
  signInBlockedFor,
  signInFailed,
  signInSucceeded,
  takeLimit,
  waitMessage,
} from "@/lib/auth/rate-limit";
import {
  SESSION_COOKIE_NAMES,
  SESSION_MAX_AGE_S,
  checkPassword,
  issueSession,
  revokeSession,
  sessionCookieName,
} from "@/lib/auth/session";

const signInInput = z.object({
  password: z.string().min(1, "Enter the studio's password.").max(1000),
});

export type SignInState = { message: string } | null;

export async function signIn(_prev: SignInState, form: FormData): Promise<SignInState> {
  const client = await clientKey();
  const wait = Math.max(await signInBlockedFor(client), await takeLimit(LIMITS.signIn, client));
  if (wait > 0) return { message: `Too many attempts. Try again in ${waitMessage(wait)}.` };
  const parsed = signInInput.safeParse({ password: form.get("password") });
  if (!parsed.success) return { message: parsed.error.issues[0].message };
  if (!checkPassword(parsed.data.password)) {
    await signInFailed(client);
    return { message: "That password is not right." };
  }
  await signInSucceeded(client);
  const proto = await requestProto();
  const jar = await cookies();
  jar.set(sessionCookieName(proto), await issueSession(), {
    httpOnly: true,
    sameSite: "lax",
    secure: proto === "https",
    path: "/",
    maxAge: SESSION_MAX_AGE_S,
  });
  redirect("/");
}

export async function signOut(): Promise<void> {
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) {
    await revokeSession(jar.get(name)?.value);
    jar.delete(name);
  }
  redirect("/sign-in");
}
