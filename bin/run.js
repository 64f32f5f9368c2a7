#!/usr/bin/env node
// Production entry: runs the compiled commands through oclif.
import {execute} from '@oclif/core';

await execute({dir: import.meta.url});
