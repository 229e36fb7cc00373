/**
 * A person changing their own name or password. The current password is checked through sign-in's
 * own throttle, so a stolen session cannot be used to guess it; a new password ends every other session.
 */
import { z } from "zod";
import { text } from "../platform/form.server";
import { renameAccount, setPassword } from "./accounts.server";
import { signIn } from "./login.server";
import { passwordProblem } from "./password.server";
import { endAllSessions, startSession, type SessionUser } from "./session.server";
import { inTransaction } from "../tenancy/with-partnership.server";

const NameSchema = z.object({ intent: z.literal("name"), name: text("your full name") });
const PasswordSchema = z.object({
  intent: z.literal("password"),
  currentPassword: z.string().min(1, "Enter your current password").max(1024, "Enter your current password"),
  newPassword: z.string().min(1, "Enter a new password"),
});
/** The two forms of the account page, told apart by `intent`. */
export const AccountSchema = z.discriminatedUnion("intent", [NameSchema, PasswordSchema], { errorMap: () => ({ message: "Choose what to change" }) });

export async function changeOwnName({ userId, name }: { userId: string; name: string }) {
  await inTransaction((tx) => renameAccount(tx, { userId, name }));
}

export type PasswordChange = { ok: true; cookie: string } | { ok: false; field: "currentPassword" | "newPassword"; message: string; retryAfterSeconds?: number };

/** `secondFactor`: whether the session changing it passed a code; the new session keeps that. */
export async function changeOwnPassword(input: {
  user: SessionUser;
  currentPassword: string;
  newPassword: string;
  clientAddress: string;
  secondFactor?: boolean;
}): Promise<PasswordChange> {
  const { user } = input;
  const problem = passwordProblem(input.newPassword, user);
  if (problem) return { ok: false, field: "newPassword", message: problem };
  const check = await signIn({ email: user.email, password: input.currentPassword, clientAddress: input.clientAddress });
  if (!check.ok && check.reason === "throttled") {
    const minutes = Math.ceil(check.retryAfterSeconds / 60);
    return {
      ok: false,
      field: "currentPassword",
      message: `Too many wrong passwords. Wait ${minutes === 1 ? "a minute" : `${minutes} minutes`} and try again`,
      retryAfterSeconds: check.retryAfterSeconds,
    };
  }
  if (!check.ok || check.user.id !== user.id) return { ok: false, field: "currentPassword", message: "Your current password is not right. Enter the password you signed in with" };
  await inTransaction((tx) => setPassword(tx, { userId: user.id, password: input.newPassword }));
  await endAllSessions(user.id);
  return { ok: true, cookie: await startSession(user.id, { secondFactor: input.secondFactor ?? false }) };
}
