#!/usr/bin/env node
// The `sluice` command: a thin shim over the bundled CLI (built into dist/bundle by `npm run build`).
import { flushOutput, main } from '../dist/bundle/main.js';

const code = await main(process.argv);
await flushOutput();
process.exit(code);
