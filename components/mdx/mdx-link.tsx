import Link from "next/link";
import type { AnchorHTMLAttributes } from "react";

/**
 * Links in lesson text. Site paths go through next/link; links to other sites are plain references to reading
 * material that open in the same tab without sending a referrer.
 */
export function MdxLink({ href = "", children, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  if (href.startsWith("/") && !href.startsWith("//")) {
    return (
      <Link href={href} {...rest}>
        {children}
      </Link>
    );
  }
  if (/^(https?:)?\/\//.test(href)) {
    return (
      <a href={href} rel="noopener noreferrer" className="mdx-external" {...rest}>
        {children}
      </a>
    );
  }
  return (
    <a href={href} {...rest}>
      {children}
    </a>
  );
}
