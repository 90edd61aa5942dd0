import type { Command } from '../io.ts';
import { NotImplementedError } from '../../core/errors.ts';

/** `remit verify`: placeholder until issue 7 lands. */
export const verifyCommand: Command = async () => {
  throw new NotImplementedError('remit verify', 7);
};
