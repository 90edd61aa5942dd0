import type { Command } from '../io.ts';
import { NotImplementedError } from '../../core/errors.ts';

/** `remit check`: placeholder until issue 2 lands. */
export const checkCommand: Command = async () => {
  throw new NotImplementedError('remit check', 2);
};
