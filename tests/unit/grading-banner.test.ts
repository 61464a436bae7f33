import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { GradingBannerView } from "@/components/site/grading-banner-view";

const down = {
  ok: false,
  message: "grading is unavailable: bubblewrap (bwrap) is not installed; run `sudo apt-get install -y bubblewrap`",
  fix: "sudo apt-get install -y bubblewrap",
  checkedAt: "2026-01-02T03:04:05.000Z",
};

// vitest runs tests/**/*.test.ts, so no JSX here.
const banner = (props: Parameters<typeof GradingBannerView>[0]) => createElement(GradingBannerView, props);

describe("the instructors' grading banner", () => {
  it("shows the cause, the exact fix and a Check again button when grading is unavailable", () => {
    const html = renderToStaticMarkup(banner({ status: down, onRecheck: () => undefined }));
    expect(html).toContain('role="alert"');
    expect(html).toContain("Grading is unavailable on this server.");
    expect(html).toContain(down.message);
    expect(html).toContain('<code data-testid="grading-fix">sudo apt-get install -y bubblewrap</code>');
    expect(html).toContain("Checked 2026-01-02 03:04:05 UTC");
    expect(html).toMatch(/<button[^>]*>Check again<\/button>/);
  });

  it("says it is checking while a re-check runs, and leaves out a fix it does not know", () => {
    const html = renderToStaticMarkup(banner({ status: { ...down, fix: null }, checking: true, onRecheck: () => undefined }));
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Checking…<\/button>/);
    expect(html).not.toContain("grading-fix");
  });

  it("renders nothing when grading works or there is nothing to tell (students, separate graders)", () => {
    expect(renderToStaticMarkup(banner({ status: { ...down, ok: true, fix: null } }))).toBe("");
    expect(renderToStaticMarkup(banner({ status: null }))).toBe("");
  });
});
