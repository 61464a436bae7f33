import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { signInAction } from "@/app/actions/auth-forms";
import { AuthForm } from "@/components/auth/auth-form";
import { githubEnabled, signIn } from "@/lib/auth/auth";
import { getActor } from "@/lib/auth/current-user";
import { safeReturnPath } from "@/lib/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const next = safeReturnPath((await searchParams).next);
  if (await getActor()) redirect(next);
  return (
    <section aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in</h1>
      <AuthForm mode="signin" action={signInAction} next={next} />
      {githubEnabled() ? (
        <form
          action={async () => {
            "use server";
            await signIn("github", { redirectTo: next });
          }}
        >
          <p>
            <button type="submit" className="secondary">
              Sign in with GitHub
            </button>
          </p>
        </form>
      ) : null}
      <p>
        New here? <Link href={`/signup?next=${encodeURIComponent(next)}`}>Create an account</Link>.
      </p>
    </section>
  );
}
