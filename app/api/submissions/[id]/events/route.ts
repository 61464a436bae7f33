import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http";
import { getSubmission } from "@/lib/submissions/get-submission";

export const dynamic = "force-dynamic";

const POLL_MS = 500;
const MAX_STREAM_MS = 30 * 60 * 1000;

/**
 * Server-sent events for one submission: `progress` whenever status, queue position, wait estimate, phase or metrics
 * change, then one `result` event (graded, failed or superseded) and the stream ends. Authorised like
 * GET /api/submissions/[id].
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const input = await params;
  const ctx = { db: await getDb(), actor: await getActor() };
  let first;
  try {
    first = await getSubmission({ ctx, input });
  } catch (err) {
    return errorResponse(err);
  }
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: unknown) =>
        controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      const started = Date.now();
      let last = "";
      let current = first;
      try {
        while (!request.signal.aborted && Date.now() - started < MAX_STREAM_MS) {
          if (current.status === "graded" || current.status === "failed" || current.status === "superseded") {
            send("result", current);
            break;
          }
          const snapshot = JSON.stringify([
            current.status,
            current.queue,
            current.phase,
            current.progress,
            current.attempts,
          ]);
          if (snapshot !== last) {
            send("progress", {
              status: current.status,
              queuePosition: current.queuePosition,
              queue: current.queue,
              phase: current.phase,
              progress: current.progress,
            });
            last = snapshot;
          } else {
            controller.enqueue(encoder.encode(": keep-alive\n\n"));
          }
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
          current = await getSubmission({ ctx, input });
        }
      } catch (err) {
        send("error", { message: err instanceof Error ? err.message : "stream failed" });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
    },
  });
}
