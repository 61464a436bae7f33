import Link from "next/link";

export default function Forbidden() {
  return (
    <section>
      <h1>Not allowed</h1>
      <p>
        This page is for instructors. Go back to the <Link href="/">course outline</Link>.
      </p>
    </section>
  );
}
