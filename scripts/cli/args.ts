/** A small argv reader shared by the command-line twins: flags with values, boolean flags, positionals. */
export interface ParsedArgs {
  positionals: string[];
  values: Map<string, string>;
  flags: Set<string>;
}

export function parseArgs(argv: string[], valueFlags: string[], booleanFlags: string[]): ParsedArgs {
  const out: ParsedArgs = { positionals: [], values: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (valueFlags.includes(arg)) {
      const value = argv[++i];
      if (value === undefined) usage(`${arg} needs a value`);
      out.values.set(arg, value);
    } else if (booleanFlags.includes(arg)) out.flags.add(arg);
    else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else out.positionals.push(arg);
  }
  return out;
}

export function usage(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

export function intValue(args: ParsedArgs, flag: string, fallback: number): number {
  const raw = args.values.get(flag);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) usage(`${flag} must be a whole number, not "${raw}"`);
  return n;
}
