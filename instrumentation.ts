/**
 * Runs once when the Next server starts. Everything it does needs Node.js (the database, the grading workers,
 * process.exit), so it lives in lib/system/register-node.ts, imported only in the Node.js runtime: Next compiles this
 * file for the Edge runtime too, and the NEXT_RUNTIME test lets that build drop the import.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { registerNodeServer } = await import("./lib/system/register-node");
    await registerNodeServer();
  }
}
