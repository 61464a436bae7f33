import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { PreviewReload } from "@/components/preview/preview-reload";
import { GradingBanner } from "@/components/site/grading-banner";
import { isPreview } from "@/lib/content/preview";
import { SiteHeader } from "@/components/site/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Unlabeled", template: "%s · Unlabeled" },
  description: "A course on self-supervised learning and pretrained foundation models, with auto-graded TensorFlow.js assignments.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader />
        <GradingBanner />
        {isPreview() ? <PreviewReload /> : null}
        <main id="main" className="container">
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">Unlabeled — open-source course platform for self-supervised learning.</div>
        </footer>
      </body>
    </html>
  );
}
