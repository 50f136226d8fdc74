// The tasks module's public entry: what other modules may use (docs/decisions/module-boundaries.md).
export { taskFigures } from './task.figures.ts';
