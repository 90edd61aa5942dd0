import type { Command } from '../io.ts';
import { NotImplementedError } from '../../core/errors.ts';

/** `remit derive`: placeholder until issue 3 lands. */
export const deriveCommand: Command = async () => {
  throw new NotImplementedError('remit derive', 3);
};
