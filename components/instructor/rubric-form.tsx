"use client";
import type { FormEvent } from "react";
import styles from "./instructor.module.css";
import { ReasonField, SaveClear, submitter, useSettingsSubmit } from "./settings-submit";

type Visibility = "visible" | "hidden" | "after_due_date";
const VISIBILITY: Record<Visibility, string> = {
  visible: "visible",
  hidden: "hidden",
  after_due_date: "after the due date",
};

export interface RubricRow {
  check: string;
  title: string;
  publicTests: boolean;
  defaults: { points: number; visibility: Visibility };
  override: { points?: number; visibility?: Visibility } | null;
  effective: { points: number; visibility: Visibility };
}

/** The rubric, item by item: file default, override fields (empty: the default) and the value that applies now. */
export function RubricForm({ assignment, rows, note }: { assignment: string; rows: RubricRow[]; note: string }) {
  const hook = useSettingsSubmit(assignment);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const reason = f.get("reason");
    if (submitter(e) === "clear") {
      void hook.send(
        "DELETE",
        { keys: ["rubric"], reason },
        "Rubric override cleared; the file's points and visibility apply.",
      );
      return;
    }
    const rubric: Record<string, { points?: number | string; visibility?: string }> = {};
    for (const r of rows) {
      const points = String(f.get(`points-${r.check}`) ?? "").trim();
      const visibility = String(f.get(`visibility-${r.check}`) ?? "");
      const entry: { points?: number | string; visibility?: string } = {};
      if (points !== "") entry.points = Number.isFinite(Number(points)) ? Number(points) : points;
      if (visibility !== "") entry.visibility = visibility;
      if (Object.keys(entry).length) rubric[r.check] = entry;
    }
    void hook.send("PUT", { set: { rubric }, reason }, "Rubric override saved.");
  };
  const total = (pick: (r: RubricRow) => number) => Math.round(rows.reduce((s, r) => s + pick(r), 0) * 1e4) / 1e4;
  return (
    <form onSubmit={onSubmit} aria-labelledby="set-rubric-title">
      <fieldset>
        <legend id="set-rubric-title">Rubric weights and visibility</legend>
        <p className="muted">{note} Leave a field empty to keep the file default.</p>
        <div className={styles.scroll}>
          <table data-testid="rubric-settings">
            <caption className="muted">Rubric items in grading order</caption>
            <thead>
              <tr>
                <th scope="col">Check</th>
                <th scope="col" className={styles.num}>
                  Default points
                </th>
                <th scope="col">Default visibility</th>
                <th scope="col">Override points</th>
                <th scope="col">Override visibility</th>
                <th scope="col">Applies now</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.check}>
                  <th scope="row">
                    {r.title} <code>{r.check}</code>
                  </th>
                  <td className={styles.num}>{r.defaults.points}</td>
                  <td>{VISIBILITY[r.defaults.visibility]}</td>
                  <td>
                    <input
                      type="number"
                      name={`points-${r.check}`}
                      aria-label={`Points for ${r.title} (${r.check})`}
                      aria-describedby={r.publicTests ? `public-${r.check}` : undefined}
                      min={0}
                      max={1000}
                      step="any"
                      disabled={r.publicTests}
                      defaultValue={r.override?.points ?? ""}
                    />
                    {r.publicTests ? (
                      <span id={`public-${r.check}`} className="muted">
                        {" "}
                        public tests: always 0
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <select
                      name={`visibility-${r.check}`}
                      aria-label={`Visibility of ${r.title} (${r.check})`}
                      defaultValue={r.override?.visibility ?? ""}
                    >
                      <option value="">(default)</option>
                      <option value="visible">visible</option>
                      <option value="hidden">hidden</option>
                      <option value="after_due_date">after the due date</option>
                    </select>
                  </td>
                  <td>
                    {r.effective.points} points, {VISIBILITY[r.effective.visibility]}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td className={styles.num}>{total((r) => r.defaults.points)}</td>
                <td />
                <td />
                <td />
                <td>{total((r) => r.effective.points)} points</td>
              </tr>
            </tfoot>
          </table>
        </div>
        <div className={styles.row}>
          <ReasonField id="set-rubric-reason" />
          <SaveClear busy={hook.busy} what="rubric" />
        </div>
      </fieldset>
      {hook.note}
    </form>
  );
}
