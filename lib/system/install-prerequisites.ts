/**
 * `npm start`'s handling of missing grading packages: as root it installs them with apt-get the way scripts/test.ts
 * installs the test packages; otherwise it prints one line with the exact command. UNLABELED_APT_GET names another
 * apt-get binary (tests point it at a script that records its arguments).
 *
 * No `import "server-only"`: scripts/start.ts runs under plain tsx (see ./grading-prerequisites.ts).
 */
import { spawnSync } from "node:child_process";
import { checkGradingPrerequisites, type GradingPrerequisites } from "./grading-prerequisites";

type Env = Record<string, string | undefined>;

export interface EnsureOptions {
  env?: Env;
  asRoot?: boolean;
  log?: (line: string) => void;
  warn?: (line: string) => void;
}

/** Checks the grading prerequisites; as root installs what is missing and checks again. Returns the final state. */
export async function ensureGradingPrerequisites(opts: EnsureOptions = {}): Promise<GradingPrerequisites> {
  const env = opts.env ?? process.env;
  const asRoot = opts.asRoot ?? (typeof process.getuid === "function" && process.getuid() === 0);
  const log = opts.log ?? ((line) => console.log(line));
  const warn = opts.warn ?? ((line) => console.error(line));
  const first = await checkGradingPrerequisites({ env, asRoot });
  if (first.ok || first.missingPackages.length === 0 || !asRoot) {
    if (!first.ok || first.mode === "none") warn(`[unlabeled] ${first.message}`);
    return first;
  }
  const aptGet = env.UNLABELED_APT_GET?.trim() || "apt-get";
  const packages = first.missingPackages;
  log(`[unlabeled] installing ${packages.join(" ")} with ${aptGet} (grading needs it)`);
  const aptEnv: NodeJS.ProcessEnv = { ...process.env, ...env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync(aptGet, ["update", "-qq"], { stdio: "inherit", env: aptEnv });
  const install =
    update.status === 0
      ? spawnSync(aptGet, ["install", "-y", "-qq", ...packages], { stdio: "inherit", env: aptEnv })
      : null;
  const after = await checkGradingPrerequisites({ env, asRoot });
  if (after.ok) return after;
  const failedStep = install ?? update;
  const note =
    failedStep.status === 0
      ? `${aptGet} install succeeded, yet the check still fails`
      : `${aptGet} ${install ? "install" : "update"} failed: ${failedStep.error?.message ?? `exit ${failedStep.status ?? failedStep.signal}`}`;
  const result = { ...after, message: `${after.message} (${note})` };
  warn(`[unlabeled] ${result.message}`);
  return result;
}
