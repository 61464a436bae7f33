/**
 * The deadline rush as a discrete-event simulation (issue #20): students submit to the rush's labs in the last
 * `windowS` seconds before a shared deadline, C grader cores grade one job each, and the queue runs either the fair
 * rules of lib/grading/schedule.ts (its own pickNext and fairPriority, superseding at submit) or plain first come,
 * first served without superseding (the queue before #20). Service times are drawn from measured core-seconds.
 *
 * The behaviour of students is a model, not a measurement; its parameters are printed with every run:
 * - first submission to each lab at windowS·√u (density rising linearly towards the deadline);
 * - it runs the experiment (the reference solution's cost) with probability pTrainFirst, else fails a cheap
 *   check first (the starter's cost); a resubmission trains with probability pTrainAgain;
 * - after a result, the student resubmits with probability pAgain after a think time U(thinkS);
 * - with probability pImpatient, a student with no result after U(impatienceS) resubmits anyway;
 * - quota and cooldown from the lab's assignment.yaml; nothing after the deadline (these labs take no late work).
 */
import { fairPriority, pickNext, type SchedJob, type SchedPolicy } from "../../lib/grading/schedule";

export interface LabModel {
  slug: string;
  daily: number;
  cooldownS: number;
  /** Measured core-seconds per grading: a submission that trains, and one that fails a cheap check first. */
  service: { trains: number[]; fails: number[] };
}

export interface Behaviour {
  pTrainFirst: number;
  pTrainAgain: number;
  pAgain: number;
  thinkS: [number, number];
  pImpatient: number;
  impatienceS: [number, number];
}

export const DEFAULT_BEHAVIOUR: Behaviour = {
  pTrainFirst: 0.6,
  pTrainAgain: 0.8,
  pAgain: 0.5,
  thinkS: [60, 600],
  pImpatient: 0.3,
  impatienceS: [180, 600],
};

export interface Arrival {
  atS: number;
  student: number;
  lab: string;
  kind: "trains" | "fails";
  serviceS: number;
}

export interface SimResult {
  cores: number;
  fair: boolean;
  /** Per lab: submit→result seconds of every graded submission, and counts. */
  labs: Record<
    string,
    {
      latenciesS: number[];
      firstLatenciesS: number[];
      submitted: number;
      superseded: number;
      refused: number;
      coreS: number[];
    }
  >;
  arrivals: Arrival[];
  maxLatencyS: number;
  lastResultS: number;
}

/** Seeded uniform [0, 1) (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type Event = { t: number; seq: number; run: () => void };

/** A binary min-heap of events by time (then insertion order). */
class Events {
  private h: Event[] = [];
  private seq = 0;
  push(t: number, run: () => void) {
    const e = { t, seq: this.seq++, run };
    const h = this.h;
    h.push(e);
    for (let i = h.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (h[p]!.t < e.t || (h[p]!.t === e.t && h[p]!.seq < e.seq)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }
  pop(): Event | undefined {
    const h = this.h;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        const less = (a: Event, b: Event) => a.t < b.t || (a.t === b.t && a.seq < b.seq);
        if (l < h.length && less(h[l]!, h[m]!)) m = l;
        if (r < h.length && less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

interface Job extends SchedJob {
  sub: Arrival & { first: boolean };
  state: "queued" | "running" | "done" | "superseded";
}

const BASE_MS = Date.UTC(2027, 0, 1);

/**
 * One rush. `script` (open loop): these arrivals exactly, without the students' reactions (to compare with a replay
 * of the same arrivals through the real queue). Otherwise the closed-loop behaviour model above.
 */
export function simulate(opts: {
  students: number;
  labs: LabModel[];
  windowS: number;
  cores: number;
  fair: boolean;
  training: readonly string[];
  seed: number;
  behaviour?: Behaviour;
  script?: Arrival[];
}): SimResult {
  const b = opts.behaviour ?? DEFAULT_BEHAVIOUR;
  const policy: SchedPolicy = { training: new Set(opts.training), splitsPhases: false };
  const deadline = new Date(BASE_MS + opts.windowS * 1000);
  const events = new Events();
  const labOf = new Map(opts.labs.map((l) => [l.slug, l]));
  const out: SimResult["labs"] = Object.fromEntries(
    opts.labs.map((l) => [
      l.slug,
      { latenciesS: [], firstLatenciesS: [], submitted: 0, superseded: 0, refused: 0, coreS: [] },
    ]),
  );
  const streams = new Map<string, () => number>();
  const r = (student: number, lab: string) => {
    const key = `${student}|${lab}`;
    let s = streams.get(key);
    if (!s) {
      s = rng(opts.seed * 1_000_003 + student * 97 + opts.labs.findIndex((l) => l.slug === lab) + 1);
      streams.set(key, s);
    }
    return s();
  };
  const between = (student: number, lab: string, [lo, hi]: [number, number]) => lo + (hi - lo) * r(student, lab);
  const draw = (student: number, lab: string, kind: "trains" | "fails") => {
    const xs = labOf.get(lab)!.service[kind];
    return xs[Math.min(xs.length - 1, Math.floor(r(student, lab) * xs.length))]!;
  };
  const queued: Job[] = [];
  const running: Job[] = [];
  const perPair = new Map<
    string,
    { last: number | null; live: Job[]; graded: number; hasResult: boolean; gotFirst: boolean }
  >();
  const pair = (student: number, lab: string) => {
    const key = `${student}|${lab}`;
    let p = perPair.get(key);
    if (!p) {
      p = { last: null, live: [], graded: 0, hasResult: false, gotFirst: false };
      perPair.set(key, p);
    }
    return p;
  };
  const arrivals: Arrival[] = [];
  let free = opts.cores;
  let seq = 0;
  let lastResult = 0;

  const dispatch = (t: number) => {
    while (free > 0 && queued.length) {
      const job = opts.fair
        ? pickNext(queued, running, policy, t * 1000)
        : queued.reduce((a, j) => (j.createdOn < a.createdOn || (j.createdOn === a.createdOn && j.id < a.id) ? j : a));
      if (!job) return;
      queued.splice(queued.indexOf(job), 1);
      running.push(job);
      job.state = "running";
      free--;
      events.push(t + job.sub.serviceS, () => finish(job, t + job.sub.serviceS));
    }
  };

  const finish = (job: Job, t: number) => {
    running.splice(running.indexOf(job), 1);
    free++;
    job.state = "done";
    const { student, lab } = job.sub;
    const p = pair(student, lab);
    p.hasResult = true;
    p.graded++;
    const stats = out[lab]!;
    stats.latenciesS.push(t - job.sub.atS);
    stats.coreS.push(job.sub.serviceS);
    if (!p.gotFirst) {
      p.gotFirst = true;
      stats.firstLatenciesS.push(t - job.sub.atS);
    }
    lastResult = Math.max(lastResult, t);
    if (!opts.script && r(student, lab) < b.pAgain) {
      const at = t + between(student, lab, b.thinkS);
      events.push(at, () => submitAt(student, lab, at, r(student, lab) < b.pTrainAgain ? "trains" : "fails"));
    }
    dispatch(t);
  };

  const submitAt = (student: number, lab: string, t: number, kind: "trains" | "fails", serviceS?: number) => {
    const model = labOf.get(lab)!;
    const p = pair(student, lab);
    if (t > opts.windowS) return;
    if (!opts.script && p.last !== null && t < p.last + model.cooldownS) {
      const at = p.last + model.cooldownS; // the page says when the next submission is allowed: they wait
      events.push(at, () => submitAt(student, lab, at, kind));
      return;
    }
    const stats = out[lab]!;
    p.live = p.live.filter((j) => j.state !== "done" && j.state !== "superseded");
    if (opts.fair) {
      for (const j of p.live.filter((j) => j.state === "queued")) {
        j.state = "superseded";
        queued.splice(queued.indexOf(j), 1);
        stats.superseded++;
      }
      p.live = p.live.filter((j) => j.state !== "superseded");
    }
    // Queued, running and graded ones count against the quota; superseded ones never do.
    if (p.live.length + p.graded >= model.daily) {
      stats.refused++;
      return;
    }
    p.last = t;
    const sub = { atS: t, student, lab, kind, serviceS: serviceS ?? draw(student, lab, kind), first: !p.hasResult };
    arrivals.push({ atS: t, student, lab, kind, serviceS: sub.serviceS });
    stats.submitted++;
    const hasResult = p.hasResult || p.live.some((j) => j.state === "running");
    const job: Job = {
      id: String(seq++).padStart(8, "0"),
      priority: opts.fair ? fairPriority({ hasResult, deadline, now: new Date(BASE_MS + t * 1000) }) : 0,
      createdOn: t * 1000,
      phase: "all",
      assignment: lab,
      student: String(student),
      sub,
      state: "queued",
    };
    p.live.push(job);
    queued.push(job);
    if (!opts.script && r(student, lab) < b.pImpatient) {
      const at = t + between(student, lab, b.impatienceS);
      events.push(at, () => {
        if (job.state === "queued") submitAt(student, lab, at, r(student, lab) < b.pTrainAgain ? "trains" : "fails");
      });
    }
    dispatch(t);
  };
  if (opts.script) {
    for (const a of opts.script) events.push(a.atS, () => submitAt(a.student, a.lab, a.atS, a.kind, a.serviceS));
  } else {
    for (let s = 0; s < opts.students; s++) {
      for (const lab of opts.labs) {
        const at = opts.windowS * Math.sqrt(r(s, lab.slug));
        const kind = r(s, lab.slug) < b.pTrainFirst ? "trains" : "fails";
        events.push(at, () => submitAt(s, lab.slug, at, kind));
      }
    }
  }
  for (let e = events.pop(); e; e = events.pop()) e.run();
  const maxLatencyS = Math.max(0, ...Object.values(out).flatMap((l) => l.latenciesS));
  return { cores: opts.cores, fair: opts.fair, labs: out, arrivals, maxLatencyS, lastResultS: lastResult };
}
