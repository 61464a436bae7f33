import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { signUpAction } from "@/app/actions/auth-forms";
import { AuthForm } from "@/components/auth/auth-form";
import { getActor } from "@/lib/auth/current-user";
import { safeReturnPath } from "@/lib/safe-redirect";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const next = safeReturnPath((await searchParams).next);
  if (await getActor()) redirect(next);
  return (
    <section aria-labelledby="signup-title">
      <h1 id="signup-title">Create your account</h1>
      <p className="muted">Students sign up here. The first account on a new installation becomes the instructor.</p>
      <AuthForm mode="signup" action={signUpAction} next={next} />
      <p>
        Already registered? <Link href={`/signin?next=${encodeURIComponent(next)}`}>Sign in</Link>.
      </p>
    </section>
  );
}
