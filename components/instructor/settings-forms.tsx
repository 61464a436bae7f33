"use client";
import { useState, type FormEvent } from "react";
import { policyText, utc } from "./format";
import styles from "./instructor.module.css";
import { ReasonField, SaveClear, submitter, useSettingsSubmit } from "./settings-submit";

type LatePolicy = { penalty_per_day: number; max_penalty: number; grace_minutes: number } | null;

/** One setting: its file default, its override (absent: none) and the value that applies now. */
export interface SettingView<T> {
  default: T;
  override?: T;
  effective: T;
}

const str = (v: FormDataEntryValue | null) => (typeof v === "string" ? v.trim() : "");
const numberOrText = (v: string) => (v !== "" && Number.isFinite(Number(v)) ? Number(v) : v);
/** `YYYY-MM-DDTHH:MM` as typed into a UTC field, back to ISO 8601. */
const fromUtcInput = (v: string) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? `${v}:00Z` : v);
const toUtcInput = (iso: string | undefined) => (iso ? new Date(iso).toISOString().slice(0, 16) : "");

function Layers<T>({ s, show }: { s: SettingView<T>; show: (v: T) => string }) {
  return (
    <p className="muted">
      File default: <strong>{show(s.default)}</strong> · Override:{" "}
      <strong>{s.override === undefined ? "none" : show(s.override)}</strong> · Applies now:{" "}
      <strong>{show(s.effective)}</strong>
    </p>
  );
}

/** Due date, late policy, daily quota and cooldown, each with save and clear. */
export function SettingsForms(p: {
  assignment: string;
  due: SettingView<string>;
  latePolicy: SettingView<LatePolicy>;
  quotaDaily: SettingView<number>;
  cooldown: SettingView<number>;
}) {
  const due = useSettingsSubmit(p.assignment);
  const late = useSettingsSubmit(p.assignment);
  const quota = useSettingsSubmit(p.assignment);
  const cool = useSettingsSubmit(p.assignment);
  const [accept, setAccept] = useState(
    (p.latePolicy.override === undefined ? p.latePolicy.effective : p.latePolicy.override) !== null,
  );
  const policy = p.latePolicy.override ?? p.latePolicy.effective ?? p.latePolicy.default;

  const one =
    (hook: ReturnType<typeof useSettingsSubmit>, key: string, value: (f: FormData) => unknown, label: string) =>
    (e: FormEvent<HTMLFormElement>) => {
      e.preventDefault();
      const f = new FormData(e.currentTarget);
      const reason = f.get("reason");
      if (submitter(e) === "clear")
        void hook.send("DELETE", { keys: [key], reason }, `${label}: override cleared; the file default applies.`);
      else void hook.send("PUT", { set: { [key]: value(f) }, reason }, `${label}: override saved.`);
    };
  const onLate = one(
    late,
    "late_policy",
    (f) =>
      f.get("accept") === "no"
        ? null
        : {
            penalty_per_day: numberOrText(str(f.get("penalty"))),
            max_penalty: numberOrText(str(f.get("max"))),
            grace_minutes: numberOrText(str(f.get("grace"))),
          },
    "Late policy",
  );

  return (
    <div>
      <form
        onSubmit={one(due, "due", (f) => fromUtcInput(str(f.get("due"))), "Due date")}
        aria-labelledby="set-due-title"
      >
        <fieldset>
          <legend id="set-due-title">Due date</legend>
          <Layers s={p.due} show={(v) => utc(v)} />
          <div className={styles.row}>
            <label htmlFor="set-due">
              New due date (UTC)
              <input
                id="set-due"
                type="datetime-local"
                name="due"
                defaultValue={toUtcInput(p.due.override)}
                aria-describedby="set-due-help"
              />
            </label>
            <ReasonField id="set-due-reason" />
            <SaveClear busy={due.busy} what="due date" />
          </div>
          <p id="set-due-help" className="muted">
            In UTC. A date in the past is allowed (you are warned); students' own extensions still apply on top.
          </p>
        </fieldset>
      </form>
      {due.note}

      <form onSubmit={onLate} aria-labelledby="set-late-title">
        <fieldset>
          <legend id="set-late-title">Late policy</legend>
          <Layers s={p.latePolicy} show={policyText} />
          <div className={styles.row} role="radiogroup" aria-label="Late work">
            <label>
              <span>
                <input type="radio" name="accept" value="yes" checked={accept} onChange={() => setAccept(true)} />{" "}
                Accept late work
              </span>
            </label>
            <label>
              <span>
                <input type="radio" name="accept" value="no" checked={!accept} onChange={() => setAccept(false)} /> No
                late submissions
              </span>
            </label>
          </div>
          <div className={styles.row}>
            <label htmlFor="set-late-penalty">
              Penalty per started day (0–1)
              <input
                id="set-late-penalty"
                type="number"
                name="penalty"
                min={0}
                max={1}
                step="any"
                disabled={!accept}
                defaultValue={policy?.penalty_per_day ?? 0.1}
              />
            </label>
            <label htmlFor="set-late-max">
              Maximum penalty (0–1)
              <input
                id="set-late-max"
                type="number"
                name="max"
                min={0}
                max={1}
                step="any"
                disabled={!accept}
                defaultValue={policy?.max_penalty ?? 0.5}
              />
            </label>
            <label htmlFor="set-late-grace">
              Grace (minutes)
              <input
                id="set-late-grace"
                type="number"
                name="grace"
                min={0}
                max={1440}
                step={1}
                disabled={!accept}
                defaultValue={policy?.grace_minutes ?? 0}
              />
            </label>
            <ReasonField id="set-late-reason" />
            <SaveClear busy={late.busy} what="late policy" />
          </div>
        </fieldset>
      </form>
      {late.note}

      <form
        onSubmit={one(quota, "quota_daily", (f) => numberOrText(str(f.get("daily"))), "Daily quota")}
        aria-labelledby="set-quota-title"
      >
        <fieldset>
          <legend id="set-quota-title">Daily quota</legend>
          <Layers s={p.quotaDaily} show={(v) => `${v} graded submissions a day`} />
          <div className={styles.row}>
            <label htmlFor="set-quota">
              Graded submissions per UTC day
              <input
                id="set-quota"
                type="number"
                name="daily"
                min={0}
                max={1000}
                step={1}
                defaultValue={p.quotaDaily.override ?? ""}
              />
            </label>
            <ReasonField id="set-quota-reason" />
            <SaveClear busy={quota.busy} what="quota" />
          </div>
          <p className="muted">0 accepts no graded submissions. A student's own quota override still wins.</p>
        </fieldset>
      </form>
      {quota.note}

      <form
        onSubmit={one(cool, "cooldown_seconds", (f) => numberOrText(str(f.get("cooldown"))), "Cooldown")}
        aria-labelledby="set-cooldown-title"
      >
        <fieldset>
          <legend id="set-cooldown-title">Cooldown</legend>
          <Layers s={p.cooldown} show={(v) => `${v} s`} />
          <div className={styles.row}>
            <label htmlFor="set-cooldown">
              Seconds between two submissions
              <input
                id="set-cooldown"
                type="number"
                name="cooldown"
                min={0}
                max={86400}
                step={1}
                defaultValue={p.cooldown.override ?? ""}
              />
            </label>
            <ReasonField id="set-cooldown-reason" />
            <SaveClear busy={cool.busy} what="cooldown" />
          </div>
        </fieldset>
      </form>
      {cool.note}
    </div>
  );
}
