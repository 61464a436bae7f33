/**
 * The course host's side of its channel to the engine: replies and requests out on fd 3, and the host's own
 * requests to the engine (compiling public tests in the compile sandbox) waiting for their answers.
 */
import { writeSync } from "node:fs";
import { HOST_PROTOCOL_FD, type HostMessage } from "./protocol";

export function send(message: HostMessage): void {
  const bytes = Buffer.from(`${JSON.stringify(message)}\n`);
  for (let off = 0; off < bytes.length; ) {
    try {
      off += writeSync(HOST_PROTOCOL_FD, bytes, off, bytes.length - off);
    } catch (err) {
      // A full pipe: the engine reads asynchronously, so wait a moment and go on.
      if ((err as NodeJS.ErrnoException).code !== "EAGAIN") throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

type Compiled = { ok: true; code: string; map: string } | { ok: false; message: string };

const waiting = new Map<number, (outcome: Compiled) => void>();
let nextId = 1;

/** Asks the engine to compile `source` in the compile sandbox (the host cannot start processes). */
export function requestCompile(source: string, filename: string, imports: readonly string[]): Promise<Compiled> {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    send({ type: "compile", id, source, filename, imports: [...imports] });
  });
}

export function answerCompile(id: number, outcome: Compiled): void {
  const resolve = waiting.get(id);
  waiting.delete(id);
  resolve?.(outcome);
}
