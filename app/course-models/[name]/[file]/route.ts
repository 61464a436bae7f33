import { readCourseModelFile } from "@/lib/content/course-models";
import { errorResponse } from "@/lib/http";
import { activeContentDir } from "@/lib/offerings/active-content";

export const dynamic = "force-dynamic";

/**
 * GET /course-models/<name>/<file>: a pretrained model of the course package the viewer's active offering runs
 * (model.json, weights.bin, card.json); visitors get the default package's.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ name: string; file: string }> },
): Promise<Response> {
  const { name, file } = await params;
  let dir: string | undefined;
  try {
    dir = await activeContentDir();
  } catch (err) {
    return errorResponse(err);
  }
  const found = dir ? readCourseModelFile(name, file, dir) : readCourseModelFile(name, file);
  if (!found)
    return Response.json(
      { error: { code: "not_found", message: `No course model file '${name}/${file}'.` } },
      { status: 404 },
    );
  return new Response(new Uint8Array(found.body), {
    headers: {
      "content-type": found.contentType,
      // Another package's files depend on the viewer's offering: not for shared caches.
      "cache-control": dir ? "private, max-age=300" : "public, max-age=300",
      "content-length": String(found.body.length),
    },
  });
}
