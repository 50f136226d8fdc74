// The inbox module's public entry: what other modules may use (docs/decisions/module-boundaries.md).
// The demo workspace reads its accounts' older messages as a person would.
export { readAllMessages } from './inbox.service.ts';
