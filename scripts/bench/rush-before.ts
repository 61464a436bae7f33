/**
 * `rush --before REF` (issue #20): "today's code" measured side by side with this checkout in one bench run. REF is
 * checked out as a detached git worktree in a temporary folder (sharing this checkout's node_modules), and its own
 * graders grade its own reference solutions and starters on a fresh database, exactly as this checkout's are
 * measured (scripts/bench/rush-measure.ts). When REF has another database schema or other dependencies (an older
 * commit: db/migrations or package-lock.json differ), this checkout cannot submit into REF's database, so REF
 * measures itself: its own `bench rush` (which it must have) runs in the worktree with the same labs, samples and
 * graders and no simulated students, and its measured gradings are read from its --json report.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { coresNeeded, labModel, labStats } from "./rush-figures";
import { simulate, type Behaviour } from "./rush-model";
import { childEnv, spawnChild } from "./load-processes";
import { measureLabs, type Measurement } from "./rush-measure";
import type { RushOptions } from "./rush-run";

export interface BeforeCheckout {
  ref: string;
  commit: string;
  root: string;
  /** SAME_IN_BOTH paths that differ between REF and this checkout (then REF measures itself). */
  differs: string[];
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
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `unlabeled-before-${commit.slice(0, 12)}-`));
  fs.rmSync(root, { recursive: true });
  git(["worktree", "add", "--detach", "--quiet", root, commit]);
  fs.symlinkSync(path.resolve("node_modules"), path.join(root, "node_modules"), "dir");
  log(
    `[rush] --before ${ref}: commit ${commit.slice(0, 12)} checked out in ${root}${differs.length ? ` (${differs.join(" and ")} differ: it measures itself with its own rush bench, on this checkout's node_modules)` : ""}`,
  );
  return {
    ref,
    commit,
    root,
    differs,
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
    const m = checkout.differs.length
      ? await ownBench(checkout, opts)
      : await measureLabs({
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
      /** "shared": measured by this checkout's bench code on REF's graders; "own": by REF's own rush bench. */
      measuredBy: checkout.differs.length ? ("own" as const) : ("shared" as const),
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

/** REF's own `bench rush`, measurement only (one simulated student, no replay), its gradings read from its report. */
async function ownBench(checkout: BeforeCheckout, opts: RushOptions): Promise<Measurement> {
  const ref = checkout.ref;
  if (!fs.existsSync(path.join(checkout.root, "scripts", "bench", "rush.ts")))
    throw new Error(
      `--before ${ref}: ${checkout.differs.join(" and ")} differ from this checkout, and ${ref} has no rush bench of its own to measure itself with`,
    );
  const json = path.join(checkout.root, ".rush-before.json");
  const args = [
    "--import",
    "tsx",
    "--conditions=react-server",
    "scripts/bench.ts",
    "rush",
    "--labs",
    opts.labs.join(","),
    "--baseline",
    opts.baseline,
    "--samples",
    String(opts.samples),
    "--graders",
    String(opts.graders),
    "--students",
    "1",
    "--compress",
    "0",
    "--database-url",
    opts.adminUrl,
    "--measure-timeout",
    String(opts.measureTimeoutS),
    "--json",
    json,
  ];
  const child = spawnChild(
    `rush --before ${ref}`,
    args,
    childEnv({ UNLABELED_PUBLISH_GRADING: "none" }),
    checkout.root,
  );
  const { code, signal } = await child.exited;
  if (code !== 0 || !fs.existsSync(json))
    throw new Error(
      `--before ${ref}: its own rush bench failed (${signal ?? `exit ${code}`}):\n${child.log().slice(-4000)}`,
    );
  const measured = (JSON.parse(fs.readFileSync(json, "utf8")) as { measured: Measurement }).measured;
  return { samples: measured.samples, training: measured.training, graders: measured.graders, wallS: measured.wallS };
}
