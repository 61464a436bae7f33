/** `npm run course -- <command>`: the instructors' command line. Each command lives in scripts/course/. */
import { dispatch, type CliCommand } from "./cli-types";
import { checkCommand } from "./course/check";
import { exportGradesCommand } from "./course/export-grades";
import { gradeCommand } from "./course/grade";
import { ltiCommand } from "./course/lti";
import { newCommand } from "./course/new";
import { offeringCommand } from "./course/offering";
import { previewCommand } from "./course/preview";
import { pretrainCommand } from "./course/pretrain";
import { rosterCommand } from "./course/roster";
import { syncCommand } from "./course/sync";
import { secretCommand } from "./course/secret";
import { userCommand } from "./course/user";

const commands: CliCommand[] = [
  userCommand,
  rosterCommand,
  offeringCommand,
  newCommand,
  checkCommand,
  previewCommand,
  syncCommand,
  gradeCommand,
  exportGradesCommand,
  secretCommand,
  pretrainCommand,
  ltiCommand,
];

process.exitCode = await dispatch("npm run course --", commands, process.argv.slice(2));
