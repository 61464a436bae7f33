import styles from "./grading-banner.module.css";

export interface GradingBannerState {
  ok: boolean;
  message: string;
  fix: string | null;
  checkedAt: string;
}

/** The instructors' "grading is unavailable" banner: the cause, the fix and a "Check again" button. */
export function GradingBannerView({
  status,
  checking = false,
  onRecheck,
}: {
  status: GradingBannerState | null;
  checking?: boolean;
  onRecheck?: () => void;
}) {
  if (!status || status.ok) return null;
  const checked = new Date(status.checkedAt);
  return (
    <div className={styles.banner} role="alert" data-testid="grading-banner">
      <div className="container">
        <p>
          <strong>Grading is unavailable on this server.</strong> Submissions are refused until it is fixed; pages are
          served as usual.
        </p>
        <p>{status.message}</p>
        {status.fix ? (
          <p>
            Fix: <code data-testid="grading-fix">{status.fix}</code>
          </p>
        ) : null}
        <p className={styles.meta}>
          Checked{" "}
          {Number.isNaN(checked.getTime()) ? status.checkedAt : checked.toISOString().replace("T", " ").slice(0, 19)}{" "}
          UTC; checked again every minute.{" "}
          {onRecheck ? (
            <button type="button" className="secondary" onClick={onRecheck} disabled={checking}>
              {checking ? "Checking…" : "Check again"}
            </button>
          ) : null}
        </p>
      </div>
    </div>
  );
}
