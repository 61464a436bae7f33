/** A subcommand of `npm run course` or `npm run bench`. `run` returns the process exit code. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

/** A usage error: the dispatcher prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Parses `--flag value`, `--flag=value` and boolean `--flag` options; the rest are positionals. */
export function parseArgs(
  argv: string[],
  spec: { strings?: readonly string[]; booleans?: readonly string[] },
): { flags: Record<string, string | boolean>; positionals: string[] } {
  const strings = new Set(spec.strings ?? []);
  const booleans = new Set(spec.booleans ?? []);
  const flags: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (booleans.has(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
    } else if (strings.has(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || value === "") throw new UsageError(`--${name} needs a value`);
      flags[name] = value;
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { flags, positionals };
}

/** Runs one command out of a registry; prints help for `--help`, `help` or no command. */
export async function dispatch(program: string, commands: CliCommand[], argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const help = () => {
    const width = Math.max(...commands.map((c) => c.name.length));
    console.log(`Usage: ${program} <command> [options]\n\nCommands:`);
    for (const c of commands) console.log(`  ${c.name.padEnd(width)}  ${c.summary}`);
    console.log(`\nRun '${program} <command> --help' for a command's options.`);
  };
  if (!name || name === "--help" || name === "-h" || name === "help") {
    help();
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`${program}: unknown command '${name}'`);
    help();
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(`Usage: ${program} ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${program} ${command.name}: ${err.message}\nUsage: ${program} ${command.usage}`);
      return 2;
    }
    console.error(`${program} ${command.name}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
