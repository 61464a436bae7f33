/** Renders a compiled MDX element to HTML in plain Node, turning React's console errors into problems. */
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";

export function renderStatic(element: ReactElement): { html: string; errors: string[] } {
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => {
    const [first, ...rest] = args;
    let message = typeof first === "string" ? first : String(first);
    for (const arg of rest) message = message.replace(/%[sdoO]/, String(arg));
    errors.push(message.split("\n")[0]!.trim());
  };
  try {
    return { html: renderToStaticMarkup(element), errors };
  } catch (err) {
    errors.push(`does not render: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
    return { html: "", errors };
  } finally {
    console.error = original;
  }
}
