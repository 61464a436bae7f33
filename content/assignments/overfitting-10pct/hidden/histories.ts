/** Hidden: the training histories the detector is tested on, each with the verdict the README's rule gives. */
import { isUnambiguous, ruleParts, type History } from "./rule";

export const CANARY = "unlabeled-hidden-overfitting-10pct-histories";

export type Category = "clear-overfitting" | "healthy" | "noisy-plateau" | "late-minimum" | "training-rising" | "real-overfitting" | "real-healthy";

export interface HistoryCase {
  category: Category;
  history: History;
  overfitting: boolean;
  bestEpoch: number;
}

/** Recorded: the reference CNN on a stratified 10% of the training split (40 epochs, Adam 3e-3, batch 32). */
const REAL_SMALL: History = {
  loss: [2.154, 1.197, 0.643, 0.416, 0.329, 0.242, 0.199, 0.157, 0.128, 0.093, 0.073, 0.063, 0.062, 0.049, 0.028, 0.019, 0.015, 0.011, 0.008, 0.007, 0.006, 0.005, 0.004, 0.004, 0.004, 0.003, 0.003, 0.003, 0.002, 0.002, 0.002, 0.002, 0.002, 0.002, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001],
  valLoss: [1.768, 0.685, 0.569, 0.398, 0.438, 0.336, 0.335, 0.347, 0.331, 0.299, 0.313, 0.283, 0.295, 0.320, 0.307, 0.299, 0.322, 0.306, 0.317, 0.320, 0.324, 0.325, 0.332, 0.339, 0.336, 0.339, 0.345, 0.348, 0.351, 0.351, 0.358, 0.359, 0.361, 0.364, 0.367, 0.366, 0.372, 0.372, 0.376, 0.377],
};
/** Recorded: the same model on the whole training split (8 epochs, batch 32). */
const REAL_FULL: History = {
  loss: [0.625, 0.189, 0.125, 0.094, 0.075, 0.059, 0.049, 0.041],
  valLoss: [0.237, 0.163, 0.144, 0.118, 0.106, 0.116, 0.122, 0.111],
};

const between = (rng: () => number, lo: number, hi: number) => lo + (hi - lo) * rng();

function trainCurve(rng: () => number, n: number): number[] {
  const start = between(rng, 1.2, 2.4);
  const floor = between(rng, 0.005, 0.08);
  const tau = between(rng, 2, 6);
  return Array.from({ length: n }, (_, t) => floor + (start - floor) * Math.exp(-t / tau) * between(rng, 0.97, 1.03));
}

function generate(category: Category, rng: () => number): History {
  const n = 12 + Math.floor(rng() * 19);
  const loss = trainCurve(rng, n);
  const base = between(rng, 0.15, 0.6);
  const start = base + between(rng, 0.8, 1.6);
  const tau = between(rng, 1.5, 3);
  const jitter = () => between(rng, -0.006, 0.006) * base;
  const decay = (t: number) => base + (start - base) * Math.exp(-t / tau);
  let valLoss: number[];
  switch (category) {
    case "clear-overfitting":
    case "training-rising": {
      const t0 = Math.round(n * between(rng, 0.3, 0.55));
      const slope = (base * between(rng, 0.3, 0.9)) / (n - 1 - t0);
      valLoss = Array.from({ length: n }, (_, t) => decay(t) + slope * Math.max(0, t - t0) + jitter());
      if (category === "training-rising") {
        const m = valLoss.indexOf(Math.min(...valLoss));
        const climb = loss[m]! * between(rng, 0.6, 1.5);
        for (let t = m + 1; t < n; t++) loss[t] = loss[m]! + (climb * (t - m)) / (n - 1 - m);
      }
      break;
    }
    case "healthy": {
      const slowTau = between(rng, n / 2, n);
      valLoss = Array.from({ length: n }, (_, t) => base + (start - base) * Math.exp(-t / slowTau) - 0.01 * base * t);
      break;
    }
    case "noisy-plateau": {
      const amp = base * between(rng, 0.12, 0.2);
      valLoss = Array.from({ length: n }, (_, t) => (t < 2 ? decay(t) + amp * 3 : base + amp * (2 * rng() - 1)));
      break;
    }
    default: {
      // late-minimum: still falling, then one bad epoch at the very end.
      valLoss = Array.from({ length: n }, (_, t) => decay(t) - 0.002 * base * t);
      valLoss[n - 1] = valLoss[n - 2]! + base * between(rng, 0.3, 0.6);
    }
  }
  return { loss, valLoss };
}

const EXPECTED: Record<Category, (h: History) => boolean> = {
  "clear-overfitting": (h) => ruleParts(h).overfitting,
  "training-rising": (h) => { const p = ruleParts(h); return !p.overfitting && !p.trainFell && p.epochsAfter >= 2 && p.rise > 1.25 * Math.max(p.relativeBar, p.noiseBar); },
  healthy: (h) => { const p = ruleParts(h); return !p.overfitting && p.epochsAfter === 0; },
  "noisy-plateau": (h) => { const p = ruleParts(h); return p.trainFell && p.epochsAfter >= 2 && p.rise > 1.25 * p.relativeBar && p.rise < 0.8 * p.noiseBar; },
  "late-minimum": (h) => { const p = ruleParts(h); return p.epochsAfter === 1 && p.trainFell && p.rise > 1.25 * Math.max(p.relativeBar, p.noiseBar); },
  "real-overfitting": () => true,
  "real-healthy": () => true,
};

function caseOf(category: Category, history: History): HistoryCase {
  const p = ruleParts(history);
  return { category, history, overfitting: p.overfitting, bestEpoch: p.bestEpoch };
}

/** `perCategory` generated histories of each kind (only unambiguous ones), plus the two recorded runs. */
export function detectorCases(rng: () => number, perCategory = 4): HistoryCase[] {
  const cases: HistoryCase[] = [caseOf("real-overfitting", REAL_SMALL), caseOf("real-healthy", REAL_FULL)];
  const kinds: Category[] = ["clear-overfitting", "healthy", "noisy-plateau", "late-minimum", "training-rising"];
  for (const kind of kinds) {
    for (let made = 0, tries = 0; made < perCategory; tries++) {
      if (tries > 5000) throw new Error(`could not generate an unambiguous '${kind}' history`);
      const h = generate(kind, rng);
      if (!EXPECTED[kind](h) || !isUnambiguous(h)) continue;
      cases.push(caseOf(kind, h));
      made++;
    }
  }
  return cases;
}
