import { closeDb, getDbHandle } from "@/db/client";
import { isAppError } from "@/lib/errors";
import { addUser } from "@/lib/users/add-user";
import { setPassword, setRole } from "@/lib/users/set-role";
import { parseArgs, UsageError, type CliCommand } from "../cli-types";
import { readSecret } from "../read-secret";

const ROLES = "student|ta|instructor";

export const userCommand: CliCommand = {
  name: "user",
  summary: `Manage accounts: \`user add --email E --role ${ROLES} [--name N]\` (password from stdin), \`user set-role --email E --role ${ROLES}\`, \`user set-password --email E\` (from stdin)`,
  usage: [
    `user add --email E --role ${ROLES} [--name N]   (the password is read from stdin)`,
    `user set-role --email E --role ${ROLES}        (never demotes the last instructor)`,
    "user set-password --email E                    (the password is read from stdin)",
  ].join("\n       "),
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { strings: ["email", "role", "name"] });
    const sub = positionals[0];
    if (!["add", "set-role", "set-password"].includes(sub ?? "") || positionals.length !== 1) {
      throw new UsageError("expected the subcommand `add`, `set-role` or `set-password`");
    }
    if (typeof flags.email !== "string") throw new UsageError("--email is required");
    if (sub !== "set-password" && typeof flags.role !== "string") throw new UsageError(`--role is required (${ROLES.replaceAll("|", ", ")})`);
    const password = sub === "set-role" ? null : await readSecret("Password: ");
    if (sub !== "set-role" && !password) {
      throw new UsageError(`no password on stdin (pipe it in, e.g. \`echo 'pw' | npm run course -- user ${sub} ...\`)`);
    }
    try {
      const handle = await getDbHandle();
      if (sub === "add") {
        const user = await addUser({ db: handle.db, input: { email: flags.email, password, name: flags.name, role: flags.role } });
        console.log(`created ${user.role} ${user.email} (id ${user.id}) in ${handle.description}`);
      } else if (sub === "set-role") {
        const { user, previous } = await setRole(handle.db, { email: flags.email, role: flags.role });
        console.log(`${user.email}: ${previous} → ${user.role} in ${handle.description}`);
      } else {
        const user = await setPassword(handle.db, { email: flags.email, password });
        console.log(`set the password of ${user.email} in ${handle.description}`);
      }
      return 0;
    } catch (err) {
      if (isAppError(err) && ["validation", "conflict", "not_found"].includes(err.code)) {
        console.error(`user ${sub}: ${err.message}`);
        return 2;
      }
      throw err;
    } finally {
      await closeDb();
    }
  },
};
