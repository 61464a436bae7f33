/** `npm run course -- <command>`: the instructors' command line. Each command lives in scripts/course/. */
import { dispatch, type CliCommand } from "./cli-types";
import { userCommand } from "./course/user";

const commands: CliCommand[] = [userCommand];

process.exitCode = await dispatch("npm run course --", commands, process.argv.slice(2));
