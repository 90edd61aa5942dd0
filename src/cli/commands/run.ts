import type { Command } from '../io.ts';
import { NotImplementedError } from '../../core/errors.ts';

/** `remit run`: placeholder until issues 3–8 land. */
export const runCommand: Command = async () => {
  throw new NotImplementedError('remit run', 3);
};

/** `npm run report`: the full pipeline on data/sample/ into reports/sample/. */
export const reportSampleCommand: Command = async () => {
  throw new NotImplementedError('npm run report', 7);
};
