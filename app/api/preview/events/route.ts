/** GET /api/preview/events: in preview mode, a `change` event (the file's course-relative path) per saved change. */
import path from "node:path";
import { courseRoot } from "@/lib/content/course-root";
import { isPreview, newestChange } from "@/lib/content/preview";

export const dynamic = "force-dynamic";

const POLL_MS = 500;

export function GET(request: Request): Response {
  if (!isPreview()) return new Response("Not found", { status: 404 });
  const dir = courseRoot();
  let last = newestChange(dir).mtimeMs;
  let timer: NodeJS.Timeout | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const encoder = new TextEncoder();
      controller.enqueue(encoder.encode(": preview\n\n"));
      timer = setInterval(() => {
        const now = newestChange(dir);
        if (now.mtimeMs > last) {
          last = now.mtimeMs;
          controller.enqueue(encoder.encode(`event: change\ndata: ${path.relative(dir, now.file)}\n\n`));
        }
      }, POLL_MS);
      request.signal.addEventListener("abort", () => {
        clearInterval(timer);
        controller.close();
      });
    },
    cancel() {
      clearInterval(timer);
    },
  });
  return new Response(stream, { headers: { "content-type": "text/event-stream", "cache-control": "no-store" } });
}
