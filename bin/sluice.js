#!/usr/bin/env node
// The `sluice` command: a thin shim over the bundled CLI (built into dist/bundle by `npm run build`).
import { main } from '../dist/bundle/main.js';

process.exit(await main(process.argv));
