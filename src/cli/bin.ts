#!/usr/bin/env node
// The package's command line (`npx connector-aliyun-dysms doctor config.json`).
import { readFile } from 'node:fs/promises';

import { runDoctorCommand } from './doctor-command.js';

process.exitCode = await runDoctorCommand(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: async (path) => readFile(path, 'utf8'),
  env: process.env,
});
