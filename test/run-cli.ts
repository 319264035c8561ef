/** Runs the CLI from sources (no build): `node --import tsx test/run-cli.ts <args>`, for tests and development. */
import { run } from '../src/cli/main.js';

process.exitCode = await run(process.argv);
