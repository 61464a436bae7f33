/** Child process for render-pages.ts: reads RenderRequest[] as JSON on stdin, prints {"results": …} on stdout. */
import { renderInProcess } from "./render-in-process";
import type { RenderRequest } from "./render-pages";

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;
const results = await renderInProcess(JSON.parse(input) as RenderRequest[]);
process.stdout.write(`\n${JSON.stringify({ results })}\n`);
