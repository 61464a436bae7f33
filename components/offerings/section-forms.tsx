"use client";
import { useState } from "react";
import { useSend } from "./offering-forms";

/** Posts one section action; the values stay in the form when the server refuses them, with its reason. */
function useSectionAction(offering: string) {
  const { send: sendJsonTo, busy, status } = useSend();
  const send = (body: Record<string, unknown>, ok: string) =>
    sendJsonTo(`/api/instructor/offerings/${offering}/sections`, body, () => ok);
  return { send, busy, status };
}

/** Creates a section, or renames one (the same slug again). */
export function SaveSectionForm({ offering }: { offering: string }) {
  const [section, setSection] = useState("");
  const [title, setTitle] = useState("");
  const { send, busy, status } = useSectionAction(offering);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    void send({ action: "save-section", section, title }, `Saved section ${section.trim()}.`);
  };
  return (
    <form onSubmit={submit} data-testid="section-save">
      <p>
        <label>
          Section (as in the roster's section column){" "}
          <input
            name="section"
            required
            value={section}
            placeholder="lab-a"
            onChange={(e) => setSection(e.target.value)}
          />
        </label>
      </p>
      <p>
        <label>
          Title{" "}
          <input
            name="title"
            required
            value={title}
            placeholder="Lab A, Tuesdays"
            onChange={(e) => setTitle(e.target.value)}
          />
        </label>
      </p>
      <button type="submit" disabled={busy}>
        Save the section
      </button>
      {status}
    </form>
  );
}

/**
 * Sets a section's own due date for one assignment (it wins over the offering's; a student's extension wins over
 * both), or removes it so that the offering's applies again.
 */
export function SectionDeadlineForm({
  offering,
  sections,
  assignments,
}: {
  offering: string;
  sections: { slug: string; title: string }[];
  assignments: { slug: string; title: string }[];
}) {
  const [section, setSection] = useState(sections[0]?.slug ?? "");
  const [assignment, setAssignment] = useState(assignments[0]?.slug ?? "");
  const [dueAt, setDueAt] = useState("");
  const { send, busy, status } = useSectionAction(offering);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    void send(
      { action: "set-deadline", section, assignment, dueAt: dueAt.trim() },
      `${section} is due ${dueAt.trim()} for ${assignment}.`,
    );
  };
  const clear = () =>
    void send(
      { action: "set-deadline", section, assignment, dueAt: null },
      `${section} follows the offering's due date for ${assignment} again.`,
    );
  return (
    <form onSubmit={submit} data-testid="section-deadline">
      <p>
        <label>
          Section{" "}
          <select name="section" value={section} onChange={(e) => setSection(e.target.value)}>
            {sections.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.title} ({s.slug})
              </option>
            ))}
          </select>
        </label>
      </p>
      <p>
        <label>
          Assignment{" "}
          <select name="assignment" value={assignment} onChange={(e) => setAssignment(e.target.value)}>
            {assignments.map((a) => (
              <option key={a.slug} value={a.slug}>
                {a.title}
              </option>
            ))}
          </select>
        </label>
      </p>
      <p>
        <label>
          Due (ISO 8601 with a time zone){" "}
          <input
            name="dueAt"
            required
            value={dueAt}
            placeholder="2027-03-01T23:59:00Z"
            onChange={(e) => setDueAt(e.target.value)}
          />
        </label>
      </p>
      <button type="submit" disabled={busy}>
        Set the section's due date
      </button>{" "}
      <button type="button" className="secondary" disabled={busy} onClick={clear}>
        Remove it (the offering's applies)
      </button>
      {status}
    </form>
  );
}
