import type { Command } from '../io.ts';
import { NotImplementedError } from '../../core/errors.ts';

/** `remit validate`: placeholder until issue 10 lands. */
export const validateCommand: Command = async () => {
  throw new NotImplementedError('remit validate', 10);
};
