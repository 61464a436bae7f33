/**
 * The runner's authenticated protocol channel. The engine hands the runner a fresh 32-byte key on fd 5 at start;
 * the runner reads it and closes the descriptor before any student code exists. Every line in either direction is
 * `<hmac hex> <sequence> <json>`, with HMAC-SHA256 over `<sequence> <json>` (graders/runner/hmac.ts, plain
 * JavaScript over frozen intrinsics), so bytes that student code manages to write to fd 3 or push into stdin are
 * refused by the other side, and a replayed line fails its sequence number. Messages go out synchronously (a
 * message is out before any `process.exit`). Everything used here is captured at module load.
 */
import fs from "node:fs";
import { fromUtf8, hmacSha256, sameBytes, toHex, utf8 } from "./hmac";
import { PROTOCOL_FD, type EngineMessage, type RunnerMessage } from "./protocol-types";

/** The descriptor the engine passes the channel key on (read once at start, then closed). */
export const KEY_FD = 5;
const KEY_BYTES = 32;

const writeSync = fs.writeSync;
const readSync = fs.readSync;
const closeSync = fs.closeSync;
const stringify = JSON.stringify;
const parse = JSON.parse;
const pause = new Int32Array(new SharedArrayBuffer(4));
const SPACE = 32;

let mac: ((message: Uint8Array) => Uint8Array) | null = null;
let sentSeq = 0;
let receivedSeq = 0;

/** Reads the channel key from fd 5 and closes it; false when no key was given (the runner then refuses to work). */
export function loadKey(): boolean {
  const key = new Uint8Array(KEY_BYTES);
  let got = 0;
  try {
    while (got < KEY_BYTES) {
      const n = readSync(KEY_FD, key, got, KEY_BYTES - got, null);
      if (n === 0) break;
      got += n;
    }
  } catch {
    return false;
  } finally {
    try {
      closeSync(KEY_FD);
    } catch {
      // already closed
    }
  }
  if (got !== KEY_BYTES) return false;
  mac = hmacSha256(key);
  return true;
}

function frame(seq: number, json: string, sign: (m: Uint8Array) => Uint8Array): Uint8Array {
  const payload = utf8(`${seq} ${json}`);
  const tag = utf8(`${toHex(sign(payload))} `);
  const line = new Uint8Array(tag.length + payload.length + 1);
  line.set(tag, 0);
  line.set(payload, tag.length);
  line[line.length - 1] = 10;
  return line;
}

export function send(message: RunnerMessage): void {
  if (!mac) throw new Error("the protocol channel has no key");
  const bytes = frame(++sentSeq, stringify(message), mac);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(PROTOCOL_FD, bytes, offset, bytes.length - offset);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EAGAIN") throw err;
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}

/** Verifies one request line (bytes without the newline); null when it is not an authentic next message. */
export function openRequest(line: Uint8Array): EngineMessage | null {
  if (!mac) return null;
  const space = line.indexOf(SPACE);
  if (space !== 64) return null;
  const payload = line.subarray(space + 1);
  if (!sameBytes(utf8(toHex(mac(payload))), line.subarray(0, space))) return null;
  const text = fromUtf8(payload);
  const gap = text.indexOf(" ");
  if (gap < 0 || Number(text.slice(0, gap)) !== receivedSeq + 1) return null;
  receivedSeq++;
  return parse(text.slice(gap + 1)) as EngineMessage;
}

/**
 * Calls `onMessage` for each authentic request on stdin, one at a time (the next waits for the previous promise);
 * a line that fails verification calls `onForged` (the runner then stops: its input was tampered with).
 */
export function readRequests(onMessage: (message: EngineMessage) => Promise<void>, onForged: () => void, onEnd: () => void): void {
  let pending: Buffer[] = [];
  let chain = Promise.resolve();
  process.stdin.on("data", (chunk: Buffer) => {
    let start = 0;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, i));
      const line = Buffer.concat(pending);
      pending = [];
      start = i + 1;
      if (line.length === 0) continue;
      const message = openRequest(new Uint8Array(line.buffer, line.byteOffset, line.length));
      if (!message) return onForged();
      chain = chain.then(() => onMessage(message));
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  });
  process.stdin.on("end", () => void chain.then(onEnd));
}
