// Runtime APIs the app and its libraries call that Chromium 90 lacks (see
// docs/decisions/browser-target.md). The build check (web/build/browser-target.ts) fails when a built
// chunk calls one of them without its module here; add the exact core-js module, never a whole entry.

// Array.prototype.at and String.prototype.at (Chrome 92): Element Plus's tree select.
import 'core-js/modules/es.array.at.js';
import 'core-js/modules/es.string.at-alternative.js';
