import Link from "next/link";
import { AccountMenu } from "./account-menu";

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="container">
        <Link href="/" className="brand">
          Unlabeled
        </Link>
        <nav className="site-nav" aria-label="Main">
          <Link href="/">Course</Link>
          <Link href="/assignments">Assignments</Link>
        </nav>
        <AccountMenu />
      </div>
    </header>
  );
}
