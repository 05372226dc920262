// The core browser checks (tests/browser/core-checks.mjs) in WebKitGTK, through WebKitWebDriver on an Xvfb display (selenium-webdriver).
// One engine per file: node --test runs files in parallel, and each engine starts once.
import { coreChecks } from './core-checks.mjs';

coreChecks('webkit');
