#!/usr/bin/env node
// The `roadmap` executable: turn on Node's compile cache where it exists (Node >= 22.1), then run the bundle.
import module from 'node:module';

try {
  module.enableCompileCache?.();
} catch {
  // A cache we can't use only costs speed.
}
await import('../dist/cli.js');
