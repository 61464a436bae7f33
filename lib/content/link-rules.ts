/** Checks the URLs of one rendered page against the site's routes and the no-external-asset policy. */
import { existsSync } from "node:fs";
import path from "node:path";
import { isExternal, type ScannedHtml } from "./html-links";

export interface SiteIndex {
  /** Lesson slug -> ids present on that lesson page; null when the lesson did not render (anchors unknown). */
  lessons: Map<string, Set<string> | null>;
  assignments: Set<string>;
  /** The folder served at the site root (public/), for local assets. */
  publicDir: string;
}

const SITE_PAGES = new Set(["/", "/lessons", "/assignments"]);

function checkSitePath(pathname: string, hash: string, site: SiteIndex): string | null {
  const clean = pathname.length > 1 ? pathname.replace(/\/$/, "") : pathname;
  if (SITE_PAGES.has(clean)) return hash ? `links to '#${hash}' on ${clean}, which has no anchors to check` : null;
  const lesson = /^\/lessons\/([^/]+)$/.exec(clean);
  if (lesson) {
    const ids = site.lessons.get(lesson[1]!);
    if (ids === undefined) return `links to lesson '${lesson[1]}', which is not in course.yaml`;
    if (hash && ids && !ids.has(hash)) return `links to '#${hash}' in lesson '${lesson[1]}', which has no such heading or id`;
    return null;
  }
  const assignment = /^\/assignments\/([^/]+)$/.exec(clean);
  if (assignment) {
    return site.assignments.has(assignment[1]!) ? null : `links to assignment '${assignment[1]}', which has no folder under content/assignments`;
  }
  return `links to '${pathname}', which is not a page of the course (use /lessons/<slug> or /assignments/<slug>)`;
}

/** Problems (without the file prefix) for one page. `ownIds` resolves same-page anchors. */
export function checkPageLinks(scanned: ScannedHtml, site: SiteIndex): string[] {
  const problems: string[] = [];
  if (scanned.scripts) problems.push(`contains ${scanned.scripts} <script> element(s); use a demo component instead`);
  for (const url of scanned.cssUrls) {
    if (isExternal(url)) problems.push(`external asset: CSS loads '${url}' from another origin`);
  }
  for (const { tag, attr, url } of scanned.urls) {
    if (tag === "a" && attr === "href") {
      const problem = checkHyperlink(url, scanned, site);
      if (problem) problems.push(problem);
      continue;
    }
    if (isExternal(url)) {
      problems.push(`external asset: <${tag} ${attr}="${url}"> loads from another origin; serve it from public/ or draw it as an SVG component`);
    } else if (url.startsWith("/") && !url.startsWith("/_next/")) {
      const file = path.join(site.publicDir, decodeURIComponent(url.split(/[?#]/)[0]!));
      if (!existsSync(file)) problems.push(`<${tag} ${attr}="${url}"> points at a file that is not in public/`);
    }
  }
  return problems;
}

function checkHyperlink(url: string, scanned: ScannedHtml, site: SiteIndex): string | null {
  if (!url) return "has a link with an empty href";
  if (url.startsWith("#")) {
    const id = decodeURIComponent(url.slice(1));
    return scanned.ids.has(id) ? null : `links to '#${id}', which is not a heading or id on this page`;
  }
  if (/^mailto:/i.test(url)) return null;
  if (/^https:\/\//i.test(url)) return null;
  if (/^http:\/\//i.test(url)) return `links to '${url}' over plain http; use https`;
  if (url.startsWith("/") && !url.startsWith("//")) {
    const [beforeHash, hash = ""] = url.split("#", 2) as [string, string?];
    const pathname = beforeHash.split("?")[0]!;
    const problem = checkSitePath(pathname, decodeURIComponent(hash), site);
    return problem;
  }
  return `has a link '${url}' that is neither a site path (/lessons/…), an anchor (#…) nor an https reference`;
}
