/** Browser helper for the instructor API: sends JSON and returns the body or the API's error message. */
export async function sendJson<T = unknown>(
  method: "POST" | "PUT" | "PATCH" | "DELETE",
  url: string,
  body: unknown,
): Promise<{ ok: true; data: T } | { ok: false; error: string }> {
  try {
    const res = await fetch(url, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const data = (await res.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
    if (!res.ok) return { ok: false, error: data?.error?.message ?? `Request failed (${res.status}).` };
    return { ok: true, data: data as T };
  } catch {
    return { ok: false, error: "The server could not be reached." };
  }
}
