import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requireInstructorPage } from "@/lib/auth/current-user";
import { listAssignments } from "@/lib/content/assignments";
import { isAppError } from "@/lib/errors";
import { loadDeepLink } from "@/lib/lti/respond-deep-link";
import { activeContentDir } from "@/lib/offerings/active-content";

export const metadata: Metadata = { title: "Add assignments to your LMS" };
export const dynamic = "force-dynamic";

/** LTI Deep Linking: the instructor picks which assignments the LMS should link to (and make gradebook columns for). */
export default async function DeepLinkPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireInstructorPage(`/lti/deep-link/${id}`);
  let problem: string | null = null;
  let multiple = true;
  try {
    multiple = (await loadDeepLink(await getDb(), id, actor.id)).acceptMultiple === 1;
  } catch (err) {
    if (!isAppError(err)) throw err;
    problem = err.message;
  }
  // The launch made its offering the active one: its course package's assignments (as the response verb checks).
  const assignments = problem ? [] : await listAssignments(await activeContentDir());
  return (
    <section aria-labelledby="dl-title">
      <h1 id="dl-title">Add assignments to your LMS</h1>
      {problem ? (
        <p role="alert">{problem}</p>
      ) : (
        <form method="post" action={`/api/lti/deep-link/${id}`}>
          <fieldset>
            <legend>{multiple ? "Pick the assignments to link" : "Pick the assignment to link"}</legend>
            {assignments.map((a) => (
              <p key={a.slug}>
                <label>
                  <input type={multiple ? "checkbox" : "radio"} name="assignment" value={a.slug} /> {a.config.title} (
                  {a.config.points} points)
                </label>
              </p>
            ))}
          </fieldset>
          <p className="muted">
            Each becomes a link in your LMS course with a gradebook column; final scores are sent to it automatically.
          </p>
          <button type="submit">Add to the LMS</button>
        </form>
      )}
    </section>
  );
}
