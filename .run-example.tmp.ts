import { main } from './src/cli/main.js';
process.exit(await main(['node', 'sluice', 'run', process.argv[2]!]));
