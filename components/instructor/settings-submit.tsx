"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "./send-json";
import styles from "./instructor.module.css";

type Reply = { warnings?: { field: string; message: string }[]; notes?: string[] };

/** Sends one term-settings change (save: PUT, clear: DELETE) and shows the outcome, warnings and notes. */
export function useSettingsSubmit(assignment: string) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; lines: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const url = `/api/instructor/assignments/${assignment}/settings`;
  const send = async (method: "PUT" | "DELETE", body: unknown, done: string) => {
    setBusy(true);
    const res = await sendJson<Reply>(method, url, body);
    setBusy(false);
    if (!res.ok) {
      setMessage({ ok: false, lines: [res.error] });
      return;
    }
    setMessage({
      ok: true,
      lines: [
        done,
        ...(res.data.warnings ?? []).map((w) => `Warning (${w.field}): ${w.message}`),
        ...(res.data.notes ?? []),
      ],
    });
    router.refresh();
  };
  const note = message ? (
    <div className={message.ok ? styles.ok : styles.error} role={message.ok ? "status" : "alert"}>
      {message.lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
    </div>
  ) : null;
  return { send, note, busy };
}

/** Which button sent the form: "clear" or "save". */
export function submitter(e: React.FormEvent<HTMLFormElement>): "clear" | "save" {
  return (e.nativeEvent as SubmitEvent).submitter?.getAttribute("value") === "clear" ? "clear" : "save";
}

export function ReasonField({ id }: { id: string }) {
  return (
    <label htmlFor={id}>
      Reason (for the audit log)
      <input id={id} name="reason" required maxLength={500} />
    </label>
  );
}

export function SaveClear({ busy, what }: { busy: boolean; what: string }) {
  return (
    <>
      <button type="submit" value="save" aria-disabled={busy}>
        Save {what}
      </button>
      <button type="submit" value="clear" className="secondary" aria-disabled={busy}>
        Clear override
      </button>
    </>
  );
}
