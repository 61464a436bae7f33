/**
 * `rush --before REF` (issue #20): "today's code" measured side by side with this checkout in one bench run. REF is
 * checked out as a detached git worktree in a temporary folder (sharing this checkout's node_modules), and its own
 * graders grade its own reference solutions and starters on a fresh database, exactly as this checkout's are
 * measured (scripts/bench/rush-measure.ts). Both must have the same database schema and dependencies, so that the
 * only difference measured is the grading code and the course.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { coresNeeded, labModel, labStats } from "./rush-figures";
import { simulate, type Behaviour } from "./rush-model";
import { measureLabs } from "./rush-measure";
import type { RushOptions } from "./rush-run";

export interface BeforeCheckout {
  ref: string;
  commit: string;
  root: string;
  remove(): void;
}

function git(args: string[], cwd = process.cwd()): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** The paths whose difference would make REF's graders measure something else than grading code. */
export const SAME_IN_BOTH = ["db/migrations", "package-lock.json"];

export function checkoutBefore(ref: string, log: (m: string) => void = () => undefined): BeforeCheckout {
  let commit: string;
  try {
    commit = git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  } catch {
    throw new Error(`--before ${ref}: not a commit of this repository (git rev-parse found nothing)`);
  }
  const differs = SAME_IN_BOTH.filter((p) => {
    try {
      git(["diff", "--quiet", commit, "--", p]);
      return false;
    } catch {
      return true;
    }
  });
  if (differs.length)
    throw new Error(
      `--before ${ref}: ${differs.join(" and ")} differ from this checkout; the two would need different databases or dependencies. Compare commits that share them.`,
    );
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `unlabeled-before-${commit.slice(0, 12)}-`));
  fs.rmSync(root, { recursive: true });
  git(["worktree", "add", "--detach", "--quiet", root, commit]);
  fs.symlinkSync(path.resolve("node_modules"), path.join(root, "node_modules"), "dir");
  log(`[rush] --before ${ref}: commit ${commit.slice(0, 12)} checked out in ${root}`);
  return {
    ref,
    commit,
    root,
    remove() {
      fs.rmSync(path.join(root, "node_modules"), { force: true }); // the link, never what it points at
      try {
        git(["worktree", "remove", "--force", root]);
      } catch {
        fs.rmSync(root, { recursive: true, force: true });
        git(["worktree", "prune"]);
      }
    },
  };
}

/** REF's gradings measured from its worktree, and the cores its costs need in the same simulated rush. */
export async function measureBefore(opts: RushOptions, behaviour: Behaviour) {
  const checkout = checkoutBefore(opts.before!, opts.log);
  try {
    const m = await measureLabs({
      adminUrl: opts.adminUrl,
      labs: [opts.baseline, ...opts.labs],
      samples: opts.samples,
      graders: opts.graders,
      timeoutS: opts.measureTimeoutS,
      root: checkout.root,
      log: (line) => opts.log(line.replace("[rush]", `[rush --before ${opts.before}]`)),
    });
    const models = opts.labs.map((slug) => labModel(slug, m, checkout.root));
    const sim = (cores: number, fair: boolean) =>
      simulate({
        students: opts.students,
        labs: models,
        windowS: opts.windowS,
        cores,
        fair,
        training: m.training,
        seed: opts.seed,
        behaviour,
      });
    const base = m.samples.find((s) => s.lab === opts.baseline && s.kind === "trains");
    return {
      ref: checkout.ref,
      commit: checkout.commit,
      wallS: m.wallS,
      training: m.training,
      baseline: base ? { lab: opts.baseline, coreS: base.coreS, wallS: base.wallS } : null,
      perLab: labStats(m, opts.labs, base?.coreS ?? null),
      coresNeeded: {
        fair: coresNeeded((c) => sim(c, true), opts.targetS)?.cores ?? null,
        fifo: coresNeeded((c) => sim(c, false), opts.targetS)?.cores ?? null,
      },
      samples: m.samples,
    };
  } finally {
    checkout.remove();
  }
}
