// The core browser checks (tests/browser/core-checks.mjs) in Debian's Chromium (playwright-core).
// One engine per file: node --test runs files in parallel, and each engine starts once.
import { coreChecks } from './core-checks.mjs';

coreChecks('chromium');
