/**
 * Finds every URL in rendered HTML and classifies it for `course check`.
 *
 * Policy: lessons load nothing from another origin. Images, scripts, stylesheets, fonts, frames and media must be
 * served by the site itself. External hyperlinks (<a href="https://…">) are allowed as references to reading
 * material, because following one is the reader's choice and loads nothing into the page; they must use https.
 */

export interface FoundUrl {
  tag: string;
  attr: string;
  url: string;
}

const TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
const ATTR = /([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
const URL_ATTRS = new Set(["href", "src", "srcset", "poster", "data", "action", "formaction", "xlink:href", "background", "cite", "manifest", "icon"]);

function decode(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

export interface ScannedHtml {
  urls: FoundUrl[];
  ids: Set<string>;
  /** Inline <script> or <style> bodies and style attributes that load something. */
  cssUrls: string[];
  scripts: number;
}

export function scanHtml(html: string): ScannedHtml {
  const urls: FoundUrl[] = [];
  const ids = new Set<string>();
  const cssUrls: string[] = [];
  let scripts = 0;
  for (const m of html.matchAll(TAG)) {
    const tag = m[1]!.toLowerCase();
    if (tag === "script") scripts++;
    const attrs = m[2] ?? "";
    // React adds <link rel="preload"> for images it renders; the image itself is checked, so skip the copy.
    const isPreload = tag === "link" && /\srel="preload"/i.test(attrs);
    for (const a of attrs.matchAll(ATTR)) {
      const name = a[1]!.toLowerCase();
      const value = decode(a[2] ?? a[3] ?? a[4] ?? "");
      if (name === "id") ids.add(value);
      else if (name === "style") cssUrls.push(...cssUrlsIn(value));
      else if (name === "srcset") for (const part of value.split(",")) urls.push({ tag, attr: name, url: part.trim().split(/\s+/)[0] ?? "" });
      else if (URL_ATTRS.has(name) && !isPreload) urls.push({ tag, attr: name, url: value.trim() });
    }
  }
  for (const m of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)) cssUrls.push(...cssUrlsIn(m[1]!));
  return { urls, ids, cssUrls, scripts };
}

function cssUrlsIn(css: string): string[] {
  const found: string[] = [];
  for (const m of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))\s*\)/gi)) found.push((m[1] ?? m[2] ?? m[3] ?? "").trim());
  for (const m of css.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)) found.push((m[1] ?? m[2] ?? "").trim());
  return found;
}

/** True for a URL that points at another origin (scheme-relative included). */
export function isExternal(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? !/^(data|blob|mailto|tel):/i.test(url) : url.startsWith("//");
}
