"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { signOutAction } from "@/app/actions/sign-out";
import { type OfferingChoice, OfferingSwitcher } from "./offering-switcher";

type Me = {
  email: string;
  name: string | null;
  role: "student" | "instructor" | "ta";
  offering: string;
  offerings?: OfferingChoice[];
} | null;

/** The signed-in part of the header, fetched on the client so every content page can be rendered statically. */
export function AccountMenu() {
  const [me, setMe] = useState<Me | undefined>(undefined);
  // The layout persists across navigations (sign-in and sign-out redirect on the client): refetch on each.
  const pathname = usePathname();
  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch on every navigation (the layout persists).
  useEffect(() => {
    let live = true;
    fetch("/api/me", { cache: "no-store" })
      .then((r) => (r.ok ? r.json() : { user: null }))
      .then((body: { user: Me }) => live && setMe(body.user))
      .catch(() => live && setMe(null));
    return () => {
      live = false;
    };
  }, [pathname]);
  if (me === undefined) return <div className="account" aria-busy="true" />;
  if (!me) {
    return (
      <div className="account">
        <Link href="/signin">Sign in</Link>
        <Link href="/signup" className="button">
          Sign up
        </Link>
      </div>
    );
  }
  return (
    <div className="account">
      {me.role === "instructor" || me.role === "ta" ? (
        <Link href="/instructor">{me.role === "ta" ? "Course staff" : "Instructor"}</Link>
      ) : null}
      <OfferingSwitcher active={me.offering} offerings={me.offerings ?? []} />
      <Link href="/progress">Progress</Link>
      <span data-testid="signed-in-as">
        {me.name ?? me.email} <span className="badge">{me.role}</span>
      </span>
      <form action={signOutAction}>
        <button type="submit" className="secondary">
          Sign out
        </button>
      </form>
    </div>
  );
}
