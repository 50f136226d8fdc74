// Runtime APIs the app and its libraries call that Chromium 90 lacks (see
// docs/decisions/browser-target.md). The build check (web/build/browser-target.ts) fails when a built
// chunk calls one of them without its module here; add the exact core-js module, never a whole entry.

// Array.prototype.at and String.prototype.at (Chrome 92): Element Plus's tree select.
import 'core-js/modules/es.array.at.js';
import 'core-js/modules/es.string.at-alternative.js';

// Object.hasOwn (Chrome 93): vue-echarts (the dashboard's charts).
import 'core-js/modules/es.object.has-own.js';
// Set.prototype.union (Chrome 122): zrender's rectangles have a .union() method of their own, which the
// build check cannot tell from Set#union; the polyfill is small and makes either safe.
import 'core-js/modules/es.set.union.v2.js';
