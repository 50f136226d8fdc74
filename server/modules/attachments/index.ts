// The attachments module's public entry: the only file another module may import from attachments
// (docs/decisions/module-boundaries.md). A module whose records take evidence files registers its record
// type with the ScopedResource of its own routes (docs/decisions/evidence-store.md). The first module
// that attaches uploads in its own transaction exports attachTo and listFor (attachment.service.ts) from
// here; until then the dead-code check keeps them off this entry.
export { registerAttachmentOwner } from './attachment.owners.ts';
