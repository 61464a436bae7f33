import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requireInstructorPage } from "@/lib/auth/current-user";
import { listUsers } from "@/lib/users/list-users";

export const metadata: Metadata = { title: "Instructor" };
export const dynamic = "force-dynamic";

export default async function InstructorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireInstructorPage("/instructor");
  const { page } = await searchParams;
  const { rows, counts } = await listUsers({ ctx: { db: await getDb(), actor }, input: { page } });
  return (
    <section aria-labelledby="instructor-title">
      <h1 id="instructor-title">Instructor console</h1>
      <p>
        {counts.student} students and {counts.instructor} instructors. Add accounts from the shell with{" "}
        <code>npm run course -- user add --email E --role instructor</code>.
      </p>
      <h2>People</h2>
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
    </section>
  );
}
