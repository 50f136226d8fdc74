// The attachments module's public entry: the only file another module may import from attachments
// (docs/decisions/module-boundaries.md). A module whose records take evidence files registers its record
// type with the ScopedResource of its own routes (docs/decisions/evidence-store.md), and attaches uploads
// in its own transaction with attachTo (progress reports do).
export { registerAttachmentOwner } from './attachment.owners.ts';
export { attachNamedEarlier, attachTo, listFor, listForEach } from './attachment.service.ts';
// A record's file removed in the record's own change (activities: an event's evidence).
export { removeFrom } from './attachment.service.ts';
