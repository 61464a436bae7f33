/** `npm run bench -- <name>`: benchmarks (not timed tests). Each lives in scripts/bench/. */
import { dispatch, type CliCommand } from "./cli-types";
import { loadBench } from "./bench/load";
import { rushBench } from "./bench/rush";
import { sandboxBench } from "./bench/sandbox";
import { trainBench } from "./bench/train";

const commands: CliCommand[] = [trainBench, sandboxBench, loadBench, rushBench];

process.exitCode = await dispatch("npm run bench --", commands, process.argv.slice(2));
