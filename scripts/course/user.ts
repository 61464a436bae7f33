import { closeDb, getDbHandle } from "@/db/client";
import { isAppError } from "@/lib/errors";
import { addUser } from "@/lib/users/add-user";
import { parseArgs, UsageError, type CliCommand } from "../cli-types";
import { readSecret } from "../read-secret";

export const userCommand: CliCommand = {
  name: "user",
  summary: "Manage accounts: `user add --email E --role student|instructor [--name N]` (password from stdin)",
  usage: "user add --email E --role student|instructor [--name N]   (the password is read from stdin)",
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { strings: ["email", "role", "name"] });
    if (positionals[0] !== "add" || positionals.length !== 1) throw new UsageError("expected the subcommand `add`");
    if (typeof flags.email !== "string") throw new UsageError("--email is required");
    if (typeof flags.role !== "string") throw new UsageError("--role is required (student or instructor)");
    const password = await readSecret("Password: ");
    if (!password) throw new UsageError("no password on stdin (pipe it in, e.g. `echo 'pw' | npm run course -- user add ...`)");
    try {
      const handle = await getDbHandle();
      const user = await addUser({ db: handle.db, input: { email: flags.email, password, name: flags.name, role: flags.role } });
      console.log(`created ${user.role} ${user.email} (id ${user.id}) in ${handle.description}`);
      return 0;
    } catch (err) {
      if (isAppError(err) && (err.code === "validation" || err.code === "conflict")) {
        console.error(`user add: ${err.message}`);
        return 2;
      }
      throw err;
    } finally {
      await closeDb();
    }
  },
};
