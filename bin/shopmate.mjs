#!/usr/bin/env node
// Entry point for `npx shopmate` and `npm start`: registers tsx so the TypeScript sources run without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
const code = await main(process.argv);
if (typeof code === 'number') process.exitCode = code;
