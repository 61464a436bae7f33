import Link from "next/link";

export default function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        There is no page at this address. Go back to the <Link href="/">course outline</Link>.
      </p>
    </section>
  );
}
