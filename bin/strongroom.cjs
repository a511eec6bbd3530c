#!/usr/bin/env node
// Strongroom CLI launcher: registers tsx so the TypeScript entry runs without a build step.
'use strict';
const path = require('node:path');
require('tsx/cjs/api').register();
require(path.join(__dirname, '..', 'electron', 'cli', 'main.ts'));
