/** Preview mode: a broken course file's problems, shown in place of the page it breaks. */
export function ContentProblems({ problems }: { problems: string[] }) {
  return (
    <section role="alert" aria-labelledby="content-problems-title" className="card">
      <h1 id="content-problems-title">This page has a problem in its course files</h1>
      <p>Fix the file and save it: the page reloads by itself.</p>
      <ul>
        {problems.map((p) => (
          <li key={p}>
            <code>{p}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
