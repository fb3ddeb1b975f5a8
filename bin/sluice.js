#!/usr/bin/env node
// The `sluice` command: a thin shim over the compiled CLI (built into dist/ by `npm run build`).
import { main } from '../dist/src/cli/main.js';

process.exit(await main(process.argv));
