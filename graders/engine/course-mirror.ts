/**
 * Where the course-check host's sandbox reads its course folder from. Run as root, the host has a uid of its own
 * and bubblewrap (started as that uid) must reach the folder: a course under a private folder (/root/my-course, a
 * temporary folder) is copied for that one host into a folder only its uid can read, under a parent that others can
 * cross but not list, and the copy is bound at the course's own path, so paths in messages stay the course's.
 */
import { chmodSync, chownSync, cpSync, lstatSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface CourseSource {
  /** The folder bwrap binds (read-only) at the course's path. */
  source: string;
  /** Removes the copy, if one was made; called when the host exits. */
  cleanup(): void;
}

/** Whether `uid` (not the owner: a sandbox uid) can list and read `dir` and cross every folder above it. */
function reachableByOthers(dir: string): boolean {
  if ((statSync(dir).mode & 0o005) !== 0o005) return false;
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (d === path.dirname(d)) return true;
  }
}

function chownTree(dir: string, uid: number): void {
  chownSync(dir, uid, uid);
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (lstatSync(p).isDirectory()) chownTree(p, uid);
    else chownSync(p, uid, uid);
  }
}

export function courseSource(course: string, uid: number | undefined): CourseSource {
  const real = realpathSync(course);
  if (uid === undefined || reachableByOthers(real)) return { source: real, cleanup: () => undefined };
  const base = mkdtempSync(path.join(os.tmpdir(), "unlabeled-course-host-"));
  try {
    chmodSync(base, 0o711);
    const copy = path.join(base, "course");
    cpSync(real, copy, { recursive: true, dereference: true });
    chownTree(copy, uid);
    chmodSync(copy, 0o700);
    return { source: copy, cleanup: () => rmSync(base, { recursive: true, force: true }) };
  } catch (err) {
    rmSync(base, { recursive: true, force: true });
    throw err;
  }
}
