#!/usr/bin/env -S node --import tsx
// Development entry: runs the TypeScript commands directly (no build needed).
import {execute} from '@oclif/core';

await execute({development: true, dir: import.meta.url});
