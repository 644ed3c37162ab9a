import { createRequire } from 'node:module';
import { LOCKDOWN_SOURCE } from './lockdown-source.js';
import { sandboxWorkerMain } from './sandbox-worker-main.js';
import { warmScopes } from './warm-scopes.js';

/**
 * The source text a sandbox thread evaluates: the thread body and the warm-scope store, which use
 * nothing from outside themselves, called with their modules and settings.
 */
export function sandboxWorkerSource(options: { maxCallsPerScope: number; setupTimeoutMs: number }): string {
  const quickjsPath = createRequire(import.meta.url).resolve('quickjs-emscripten');
  const warmOptions = {
    lockdownSource: LOCKDOWN_SOURCE,
    maxCalls: options.maxCallsPerScope,
    setupTimeoutMs: options.setupTimeoutMs,
  };
  return [
    // Loaders that keep function names (tsx, esbuild's keepNames) wrap functions in a `__name`
    // helper that the thread's separate scope lacks: give it a no-op one.
    'var __name = (target) => target;',
    `(${sandboxWorkerMain.toString()})(require('node:worker_threads'), require(${JSON.stringify(quickjsPath)}), (code) => process.exit(code), {`,
    `  create: ${warmScopes.toString()},`,
    `  options: ${JSON.stringify(warmOptions)},`,
    '});',
  ].join('\n');
}
