"use client";
/** An image-grid artifact (augmentation previews, reconstructions): uint8 pixels drawn on canvases, enlarged crisply. */
import { useEffect, useRef } from "react";
import type { ImageGridArtifact } from "./result-types";

function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** RGBA pixels for an image of shape [h, w] or [h, w, 1 | 3 | 4]; null when data and shape disagree. */
export function toRgba(data: Uint8Array, shape: number[]): Uint8ClampedArray | null {
  const [h, w, c = 1] = shape as [number, number, number?];
  if (!(h > 0 && w > 0) || ![1, 3, 4].includes(c) || data.length !== h * w * c) return null;
  const out = new Uint8ClampedArray(h * w * 4);
  for (let p = 0; p < h * w; p++) {
    const src = p * c;
    out[p * 4] = data[src]!;
    out[p * 4 + 1] = c === 1 ? data[src]! : data[src + 1]!;
    out[p * 4 + 2] = c === 1 ? data[src]! : data[src + 2]!;
    out[p * 4 + 3] = c === 4 ? data[src + 3]! : 255;
  }
  return out;
}

function Picture({ image }: { image: ImageGridArtifact["images"][number] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [h, w] = image.shape;
  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext("2d");
    if (!el || !ctx) return;
    let rgba: Uint8ClampedArray | null = null;
    try {
      rgba = toRgba(decode(image.data), image.shape);
    } catch {
      rgba = null;
    }
    if (!rgba) return;
    ctx.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, w, h), 0, 0);
  }, [image, h, w]);
  const scale = Math.max(1, Math.min(6, Math.floor(96 / Math.max(h, w))));
  return (
    <figure className="image-grid-item">
      <canvas
        ref={canvas}
        width={w}
        height={h}
        style={{ width: w * scale, height: h * scale }}
        role="img"
        aria-label={image.caption ?? `image ${w}×${h}`}
      />
      {image.caption ? <figcaption>{image.caption}</figcaption> : null}
    </figure>
  );
}

export function ImageGrid({ artifact }: { artifact: ImageGridArtifact }) {
  const columns = artifact.columns ?? Math.min(8, artifact.images.length);
  return (
    <figure className="result-figure" data-artifact="image-grid">
      <figcaption>{artifact.name}</figcaption>
      <div className="image-grid" style={{ gridTemplateColumns: `repeat(${columns}, max-content)` }}>
        {artifact.images.map((image, i) => (
          <Picture key={i} image={image} />
        ))}
      </div>
    </figure>
  );
}
