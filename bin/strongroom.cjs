#!/usr/bin/env node
// Strongroom CLI launcher: runs the built CLI (npm run build writes out/main/cli.js); no dev tooling.
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const entry = path.join(__dirname, '..', 'out', 'main', 'cli.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('strongroom: not built: run "npm run build" first\n');
  process.exit(1);
}
require(entry);
