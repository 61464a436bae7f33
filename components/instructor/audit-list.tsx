import type { AuditRow } from "@/db/queries/instructor-audit";
import { utc } from "./format";

/** The audit trail: who did what, when, with the recorded details (old and new values, reason). */
export function AuditList({ rows }: { rows: AuditRow[] }) {
  if (rows.length === 0) return <p className="muted">No instructor actions yet.</p>;
  return (
    <table data-testid="audit">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">Action</th>
          <th scope="col">Assignment</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>{utc(r.createdAt)}</td>
            <td>{r.actorEmail ?? "—"}</td>
            <td>{r.action}</td>
            <td>{r.assignment ?? "—"}</td>
            <td>
              <code>{JSON.stringify(r.details)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
