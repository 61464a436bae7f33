/**
 * The HTTP traffic of the load run: submissions fired on a schedule by signed-in students, and a prober that
 * fetches lesson pages one after another and records how long each took.
 */
import fs from "node:fs";

export const correctSource = fs.readFileSync("content/assignments/hello-tensor/hidden/solution.ts", "utf8");
/** Compiles and runs but subtracts: graded, with a failing score. */
export const wrongSource = correctSource.replace("tf.add(a, b)", "tf.sub(a, b)");
if (wrongSource === correctSource) throw new Error("content/assignments/hello-tensor/hidden/solution.ts no longer contains tf.add(a, b)");

export type SubmitOutcome =
  | { kind: "accepted"; id: string; student: number; correct: boolean; ms: number }
  | { kind: "refused"; status: number; message: string; student: number; ms: number }
  | { kind: "error"; status: number | null; message: string; student: number; ms: number };

/** A refusal the issue allows: 429 with a JSON message that names the quota or the cooldown. */
export function isClearQuotaRefusal(status: number, body: unknown): body is { error: { code: string; message: string } } {
  const err = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return (
    status === 429 &&
    err?.code === "rate_limited" &&
    typeof err.message === "string" &&
    /(graded submissions for today|quota|cooldown|wait \d)/i.test(err.message)
  );
}

/** One POST /api/submissions as a signed-in student, classified. */
export async function submitOnce(baseUrl: string, cookie: string, student: number, correct: boolean, assignment: string): Promise<SubmitOutcome> {
  const started = performance.now();
  let status: number | null = null;
  try {
    const res = await fetch(`${baseUrl}/api/submissions`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: baseUrl },
      body: JSON.stringify({ assignment, source: correct ? correctSource : wrongSource }),
    });
    status = res.status;
    const text = await res.text();
    const ms = performance.now() - started;
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      return { kind: "error", status, message: `not JSON: ${text.slice(0, 200)}`, student, ms };
    }
    if (status === 201 && typeof (body as { id?: unknown }).id === "string") return { kind: "accepted", id: (body as { id: string }).id, student, correct, ms };
    if (isClearQuotaRefusal(status, body)) return { kind: "refused", status, message: body.error.message, student, ms };
    return { kind: "error", status, message: text.slice(0, 300), student, ms };
  } catch (err) {
    return { kind: "error", status, message: err instanceof Error ? `${err.message}${err.cause ? ` (${String(err.cause)})` : ""}` : String(err), student, ms: performance.now() - started };
  }
}

/**
 * Fires `n` submissions evenly over `withinMs` without waiting for earlier ones (an open-loop schedule), round
 * robin over the students; every third is wrong. Resolves with every outcome once all have answered.
 */
export async function fireSubmissions(opts: { baseUrl: string; cookies: string[]; n: number; withinMs: number; assignment: string }): Promise<{ outcomes: SubmitOutcome[]; firedMs: number }> {
  const started = performance.now();
  const pending: Promise<SubmitOutcome>[] = [];
  for (let i = 0; i < opts.n; i++) {
    const due = (i * opts.withinMs) / opts.n;
    const wait = due - (performance.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const student = i % opts.cookies.length;
    pending.push(submitOnce(opts.baseUrl, opts.cookies[student]!, student, i % 3 !== 2, opts.assignment));
  }
  const firedMs = performance.now() - started;
  return { outcomes: await Promise.all(pending), firedMs };
}

export interface Probe {
  url: string;
  ms: number;
  status: number | null;
}

/** Fetches the pages in turn, `gapMs` apart, until `stop()` is called; failures are kept with status null or >= 300 (a redirect, e.g. to sign-in, is a failure). */
export function startProber(baseUrl: string, paths: string[], cookie: string, gapMs: number) {
  const probes: Probe[] = [];
  let running = true;
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const url = paths[i % paths.length]!;
      const started = performance.now();
      let status: number | null = null;
      try {
        const res = await fetch(`${baseUrl}${url}`, { headers: { cookie }, redirect: "manual" });
        await res.arrayBuffer();
        status = res.status;
      } catch {
        status = null;
      }
      probes.push({ url, ms: performance.now() - started, status });
      if (running) await new Promise((r) => setTimeout(r, gapMs));
    }
  })();
  return {
    probes,
    async stop(): Promise<Probe[]> {
      running = false;
      await loop;
      return probes;
    },
  };
}

/** Fetches each page `rounds` times, one request at a time, on an idle server: the baseline. */
export async function probeIdle(baseUrl: string, paths: string[], cookie: string, rounds: number): Promise<Probe[]> {
  const out: Probe[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const url of paths) {
      const started = performance.now();
      const res = await fetch(`${baseUrl}${url}`, { headers: { cookie }, redirect: "manual" });
      await res.arrayBuffer();
      out.push({ url, ms: performance.now() - started, status: res.status });
    }
  }
  return out;
}

/** Every accepted submission as its student sees it over HTTP: the status of each, `parallel` requests at a time. */
export async function httpStatuses(baseUrl: string, cookies: string[], accepted: { id: string; student: number }[], parallel = 4): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < accepted.length) {
      const { id, student } = accepted[next++]!;
      const res = await fetch(`${baseUrl}/api/submissions/${id}`, { headers: { cookie: cookies[student]! } });
      const body = (await res.json().catch(() => null)) as { status?: string } | null;
      out.set(id, res.ok && body?.status ? body.status : `HTTP ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return out;
}
