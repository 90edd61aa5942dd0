/** What a command may use to talk to the user; tests pass a capturing implementation. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** True when stderr is a terminal: progress is shown only then (quiet in CI). */
  isTty: boolean;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  isTty: Boolean(process.stderr.isTTY) && process.env.CI !== 'true',
};

export type Command = (args: import('./args.ts').ParsedArgs, io: CliIo) => Promise<number>;
