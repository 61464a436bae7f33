import type { UserRow } from "@/db/queries/users";

/** The course roster (every account with its role). */
export function PeopleTable({ rows }: { rows: UserRow[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Email</th>
          <th scope="col">Name</th>
          <th scope="col">Role</th>
          <th scope="col">Joined</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((u) => (
          <tr key={u.id}>
            <td>{u.email}</td>
            <td>{u.name ?? "—"}</td>
            <td>{u.role}</td>
            <td>
              <time dateTime={u.createdAt.toISOString()}>{u.createdAt.toISOString().slice(0, 10)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
