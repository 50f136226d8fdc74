// The demo accounts of a database made by `npm run bench:data`, written beside it. Kept apart from
// data.ts: that module runs the generator when it is the program, and a bundled bench server (one file
// for all its modules) would count as that program.
export interface BenchAccounts {
  secretKey: string;
  passwords: Record<string, string>;
}

export const accountsFileOf = (file: string) => `${file}.accounts.json`;
