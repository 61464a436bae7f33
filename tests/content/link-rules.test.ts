/** The URL scanner and link policy behind `course check`. */
import { describe, expect, test } from "vitest";
import { scanHtml } from "@/lib/content/html-links";
import { checkPageLinks, type SiteIndex } from "@/lib/content/link-rules";
import { slugify } from "@/lib/content/rehype-headings";

const site: SiteIndex = { lessons: new Map([["intro", new Set(["start"])], ["broken", null]]), assignments: new Set(["hello-tensor"]), publicDir: "public" };
const problems = (html: string) => checkPageLinks(scanHtml(html), site);

describe("links", () => {
  test("site paths, anchors, https references and mailto are fine", () => {
    expect(problems('<h2 id="top">T</h2><a href="/lessons/intro#start">x</a><a href="#top">x</a><a href="/assignments/hello-tensor">x</a><a href="https://arxiv.org/abs/1810.04805">x</a><a href="mailto:a@b.c">x</a><a href="/lessons">x</a><a href="/lessons/broken#anything">x</a>')).toEqual([]);
  });

  test("unknown pages, anchors and assignments are problems", () => {
    expect(problems('<a href="/lessons/nope">x</a><a href="/lessons/intro#nope">x</a><a href="#nope">x</a><a href="/assignments/nope">x</a><a href="/admin">x</a>')).toEqual([
      "links to lesson 'nope', which is not in course.yaml",
      "links to '#nope' in lesson 'intro', which has no such heading or id",
      "links to '#nope', which is not a heading or id on this page",
      "links to assignment 'nope', which has no folder under content/assignments",
      "links to '/admin', which is not a page of the course (use /lessons/<slug> or /assignments/<slug>)",
    ]);
  });

  test("plain http, relative and javascript links are problems", () => {
    expect(problems('<a href="http://example.com">x</a><a href="intro">x</a><a href="javascript:alert(1)">x</a>')).toHaveLength(3);
  });
});

describe("assets", () => {
  test("anything loaded from another origin is a problem, whatever the element", () => {
    const html = [
      '<img src="https://cdn.example.com/a.png"/>',
      '<img srcset="/x.png 1x, //cdn.example.com/b.png 2x"/>',
      '<link rel="stylesheet" href="https://fonts.example.com/css"/>',
      '<script src="https://cdn.example.com/s.js"></script>',
      '<div style="background: url(&quot;https://example.com/bg.png&quot;)"></div>',
      '<svg><image href="https://example.com/i.png"></image></svg>',
    ].join("");
    const found = problems(html);
    expect(found.filter((p) => p.startsWith("external asset"))).toHaveLength(6);
    expect(found).toContain("contains 1 <script> element(s); use a demo component instead");
    expect(found).toContain("<img srcset=\"/x.png\"> points at a file that is not in public/");
  });

  test("React's image preload hint is not counted twice, and data: URLs are fine", () => {
    expect(problems('<link rel="preload" as="image" href="https://example.com/a.png"/><img src="https://example.com/a.png"/><img src="data:image/png;base64,AAAA"/>')).toHaveLength(1);
  });
});

test("heading slugs follow GitHub's style", () => {
  expect(slugify("Why divide by √d?")).toBe("why-divide-by-d");
  expect(slugify("The 15% and the 80/10/10 rule")).toBe("the-15-and-the-801010-rule");
});
