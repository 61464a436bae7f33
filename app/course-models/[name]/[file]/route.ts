import { readCourseModelFile } from "@/lib/content/course-models";

export const dynamic = "force-dynamic";

/** GET /course-models/<name>/<file>: a pretrained model of the served course (model.json, weights.bin, card.json). */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ name: string; file: string }> },
): Promise<Response> {
  const { name, file } = await params;
  const found = readCourseModelFile(name, file);
  if (!found)
    return Response.json(
      { error: { code: "not_found", message: `No course model file '${name}/${file}'.` } },
      { status: 404 },
    );
  return new Response(new Uint8Array(found.body), {
    headers: {
      "content-type": found.contentType,
      "cache-control": "public, max-age=300",
      "content-length": String(found.body.length),
    },
  });
}
