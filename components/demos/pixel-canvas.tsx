"use client";
import { useEffect, useRef } from "react";

/** Draws RGBA pixels (from tf.browser.toPixels) into a small canvas scaled up by CSS. */
export function PixelCanvas({
  pixels,
  width,
  height,
  label,
  className = "demo-pixels",
}: {
  pixels: Uint8ClampedArray;
  width: number;
  height: number;
  label: string;
  className?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext("2d");
    if (ctx) ctx.putImageData(new ImageData(new Uint8ClampedArray(pixels), width, height), 0, 0);
  }, [pixels, width, height]);
  return <canvas ref={ref} width={width} height={height} className={className} role="img" aria-label={label} />;
}
