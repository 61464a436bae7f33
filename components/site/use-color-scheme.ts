"use client";
/**
 * The reader's colour scheme, following changes live (the OS switching to dark at dusk, or the reader's setting),
 * so what draws colours in script (charts, the editor) stays matched to what CSS draws with the media query.
 */
import { useSyncExternalStore } from "react";

const QUERY = "(prefers-color-scheme: dark)";

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia?.(QUERY);
  media?.addEventListener("change", onChange);
  return () => media?.removeEventListener("change", onChange);
}

export function useColorScheme(): "light" | "dark" {
  return useSyncExternalStore(
    subscribe,
    () => (window.matchMedia?.(QUERY).matches ? "dark" : "light"),
    () => "light",
  );
}
