/** Hidden: scoring and feedback of the detector checks and the experiment's result page (curves, gap, answer). */
import type { Artifact, CheckScore, CallOutput } from "@unlabeled/sdk";
import type { RunSummary } from "./experiment";
import type { Category, HistoryCase } from "./histories";
import { argmin, ruleParts } from "./rule";

export const CANARY = "unlabeled-hidden-overfitting-10pct-feedback";

const FLAGGED: Record<Category, string> = {
  healthy: "it flags healthy training whose validation loss is lowest in the last epoch",
  "real-healthy": "it flags a real run on the full training set whose validation loss barely moved above its minimum",
  "noisy-plateau": "it flags noisy plateaus: a rise smaller than 3 × the noise (the median epoch-to-epoch change of validation loss) is noise, not overfitting",
  "late-minimum": "it flags a run whose minimum is only one epoch before the end: at least two epochs must follow the minimum",
  "training-rising": "it flags runs whose training loss rose too (training diverged): overfitting needs training loss still below its value at bestEpoch",
  "clear-overfitting": "",
  "real-overfitting": "",
};
const MISSED = "it misses clear overfitting: validation loss ends well above its minimum (by 10% and by 3 × the noise) while training loss kept falling";

function bestEpochMistake(wrong: Array<{ c: HistoryCase; got: number }>): string {
  if (wrong.every(({ c, got }) => got === c.bestEpoch + 1)) return "bestEpoch is off by one: epochs are counted from 0";
  if (wrong.every(({ c, got }) => got === argmin(c.history.loss))) return "bestEpoch is the epoch of the lowest training loss; it must be the lowest validation loss";
  return "bestEpoch is not the (0-based) epoch with the lowest validation loss";
}

export function detectorVerdicts(output: CallOutput, cases: HistoryCase[]): CheckScore {
  if (output.calls.length !== cases.length) return { fraction: 0, feedback: `expected ${cases.length} results, got ${output.calls.length}` };
  const mistakes = new Set<string>();
  const wrongEpochs: Array<{ c: HistoryCase; got: number }> = [];
  let right = 0;
  cases.forEach((c, i) => {
    const got = output.calls[i]!.value as { overfitting?: unknown; bestEpoch?: unknown } | null;
    if (!got || typeof got !== "object" || typeof got.overfitting !== "boolean" || typeof got.bestEpoch !== "number") {
      mistakes.add("it must return an object { overfitting: boolean, bestEpoch: number }");
      return;
    }
    let ok = true;
    if (got.bestEpoch !== c.bestEpoch) {
      wrongEpochs.push({ c, got: got.bestEpoch });
      ok = false;
    }
    if (got.overfitting !== c.overfitting) {
      mistakes.add(c.overfitting ? MISSED : FLAGGED[c.category]);
      ok = false;
    }
    if (ok) right++;
  });
  if (wrongEpochs.length) mistakes.add(bestEpochMistake(wrongEpochs));
  const summary = `${right} of ${cases.length} histories are judged right.`;
  return { fraction: right / cases.length, feedback: mistakes.size ? `${summary}\n${[...mistakes].map((m) => `- ${m}`).join("\n")}` : summary };
}

function curve(run: RunSummary): Artifact {
  const x = run.history.loss.map((_, i) => i);
  return {
    kind: "curve", name: `Loss on ${run.label}`, x_label: "epoch", y_label: "mean cross-entropy",
    series: [{ name: "training loss", x, y: run.history.loss }, { name: "validation loss", x, y: run.history.valLoss }],
  };
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

function describe(run: RunSummary): string {
  const p = ruleParts(run.history);
  const last = run.history.valLoss.length - 1;
  const rise = run.history.valLoss[p.bestEpoch]! > 0 ? p.rise / run.history.valLoss[p.bestEpoch]! : 0;
  return (
    `${run.label}: validation loss was lowest at epoch ${p.bestEpoch} and ended ${pct(rise)} above it at epoch ${last}; ` +
    `training loss went from ${run.history.loss[p.bestEpoch]!.toFixed(3)} to ${run.history.loss[last]!.toFixed(3)}. ` +
    `Accuracy: ${pct(run.trainAccuracy)} on its training data, ${pct(run.testAccuracy)} on the hidden test set ` +
    `(train–test gap ${((run.trainAccuracy - run.testAccuracy) * 100).toFixed(1)} points). Overfitting by the rule: ${p.overfitting ? "yes" : "no"}.`
  );
}

/** The lab's answer: both runs' curves and gaps. Passing needs only a valid subset (the training ran on it). */
export function experimentScore(small: RunSummary, full: RunSummary): CheckScore {
  const answer = ruleParts(small.history).overfitting && !ruleParts(full.history).overfitting
    ? "Yes: with 10% of the data the model overfits (validation loss turns up while training loss keeps falling, and the train–test gap is wider); with the full set it does not."
    : "This time the rule did not separate the two runs as expected; compare the curves yourself.";
  return {
    fraction: 1,
    feedback: `${answer}\n${describe(small)}\n${describe(full)}`,
    artifacts: [curve(small), curve(full)],
  };
}
