import Link from "next/link";

/**
 * A link to an assignment page. `course check` verifies that content/assignments/<slug>/ exists.
 * Not prefetched: the assignment page depends on the signed-in student.
 */
export function AssignmentLink({ slug, title }: { slug: string; title?: string }) {
  return (
    <p className="mdx-assignment-link">
      <Link href={`/assignments/${slug}`} prefetch={false} data-assignment={slug}>
        {title ? `Open the assignment: ${title}` : "Open the assignment"}
        <span aria-hidden="true"> →</span>
      </Link>
    </p>
  );
}
