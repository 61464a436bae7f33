/**
 * Text that came out of a sandbox (console output, error messages, export names) is shown in terminals and web
 * pages: control characters, escape sequences and bidirectional overrides are replaced with visible stand-ins, so
 * a submission cannot recolour, rewrite or reorder what an instructor reads.
 */
// C0 controls but tab and newline, DEL, C1 controls, and the Unicode bidi embeddings, overrides and isolates.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return "\u2421";
  return "\ufffd";
}

export function cleanText(text: string): string {
  return text.replace(CONTROL, visible);
}
