import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A small tmpfs of its own, so a test can fill a disk or make a folder read-only without touching anyone else's. */
export interface Tmpfs {
  dir: string;
  remount(mode: "ro" | "rw"): void;
  /** Fills every free byte with a filler file; returns its path. */
  fill(): string;
  unmount(): void;
}

function mount(dir: string, sizeMb: number): void {
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeMb}m,mode=0755`, "tmpfs", dir], { stdio: "pipe" });
}

/** Why this machine cannot mount a tmpfs for a test (not root, no CAP_SYS_ADMIN in a container), or null. */
export function tmpfsUnavailable(): string | null {
  if (process.getuid?.() !== 0) return "mounting a small tmpfs needs root";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unlabeled-mount-probe-"));
  try {
    mount(dir, 1);
    execFileSync("umount", [dir], { stdio: "pipe" });
    return null;
  } catch (err) {
    return `mount -t tmpfs is not permitted here (${(err as Error).message.split("\n")[0]})`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function mountTmpfs(sizeMb: number): Tmpfs {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unlabeled-tmpfs-"));
  mount(dir, sizeMb);
  let mounted = true;
  return {
    dir,
    remount: (mode) => void execFileSync("mount", ["-o", `remount,${mode}`, dir], { stdio: "pipe" }),
    fill() {
      const file = path.join(dir, "filler");
      const fd = fs.openSync(file, "w");
      try {
        for (const size of [1 << 20, 4096, 1]) {
          const buf = Buffer.alloc(size, 1);
          try {
            for (;;) fs.writeSync(fd, buf);
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== "ENOSPC") throw err;
          }
        }
      } finally {
        fs.closeSync(fd);
      }
      return file;
    },
    unmount() {
      if (!mounted) return;
      mounted = false;
      execFileSync("umount", ["-l", dir], { stdio: "pipe" });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
