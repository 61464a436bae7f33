/**
 * Writes protocol messages to fd 3 synchronously (so a message is out before any `process.exit`), and reads the
 * engine's newline-delimited requests from stdin. The functions used are captured before student code loads.
 */
import fs from "node:fs";
import { PROTOCOL_FD, type EngineMessage, type RunnerMessage } from "./protocol-types";

const writeSync = fs.writeSync;
const stringify = JSON.stringify;
const parse = JSON.parse;
const bufferFrom = Buffer.from;
const pause = new Int32Array(new SharedArrayBuffer(4));

export function send(message: RunnerMessage): void {
  const bytes = bufferFrom(`${stringify(message)}\n`);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(PROTOCOL_FD, bytes, offset);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EAGAIN") throw err;
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}

/** Calls `onMessage` for each request line on stdin, one at a time (the next waits for the previous promise). */
export function readRequests(onMessage: (message: EngineMessage) => Promise<void>, onEnd: () => void): void {
  let pending: Buffer[] = [];
  let chain = Promise.resolve();
  process.stdin.on("data", (chunk: Buffer) => {
    let start = 0;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, i));
      const line = Buffer.concat(pending).toString("utf8");
      pending = [];
      start = i + 1;
      if (line.trim()) {
        const message = parse(line) as EngineMessage;
        chain = chain.then(() => onMessage(message));
      }
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  });
  process.stdin.on("end", () => void chain.then(onEnd));
}
