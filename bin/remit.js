#!/usr/bin/env node
// Entry point for `npx remit` / the `remit` bin: registers tsx so the TypeScript sources run as they are
// (no build step; see README "Why tsx"), then hands over to the CLI.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
