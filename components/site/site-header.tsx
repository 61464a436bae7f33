import Link from "next/link";
import { getActor } from "@/lib/auth/current-user";
import { signOutAction } from "@/app/actions/sign-out";

export async function SiteHeader() {
  const actor = await getActor();
  return (
    <header className="site-header">
      <div className="container">
        <Link href="/" className="brand">
          Unlabeled
        </Link>
        <nav className="site-nav" aria-label="Main">
          <Link href="/">Course</Link>
          <Link href="/assignments">Assignments</Link>
          {actor?.role === "instructor" ? <Link href="/instructor">Instructor</Link> : null}
        </nav>
        <div className="account">
          {actor ? (
            <>
              <span data-testid="signed-in-as">
                {actor.name ?? actor.email} <span className="badge">{actor.role}</span>
              </span>
              <form action={signOutAction}>
                <button type="submit" className="secondary">
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <>
              <Link href="/signin">Sign in</Link>
              <Link href="/signup" className="button">
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
