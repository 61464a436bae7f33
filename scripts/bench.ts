/** `npm run bench -- <name>`: benchmarks (not timed tests). Each lives in scripts/bench/. */
import { dispatch, type CliCommand } from "./cli-types";
import { loadBench } from "./bench/load";
import { sandboxBench } from "./bench/sandbox";
import { trainBench } from "./bench/train";

const commands: CliCommand[] = [trainBench, sandboxBench, loadBench];

process.exitCode = await dispatch("npm run bench --", commands, process.argv.slice(2));
