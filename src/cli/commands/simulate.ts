import type { Command } from '../io.ts';
import { NotImplementedError } from '../../core/errors.ts';

/** `remit simulate`: placeholder until issue 2 lands. */
export const simulateCommand: Command = async () => {
  throw new NotImplementedError('remit simulate', 2);
};
