// What still needs a contact. Other modules (cases, later activities) register a holder at start-up;
// deleting or anonymising a contact asks every holder inside the same transaction and is refused,
// naming what holds it, while any answers. The contacts module never reads another module's tables.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface ContactHolder {
  // What kind of record holds contacts, e.g. "提案"; shown before the holder's own descriptions.
  label: string;
  // Human-readable descriptions of the records that still need this contact (or organisation), e.g. "《关于…的提案》（办理中）";
  // empty when none does.
  find(trx: Transaction<Database>, id: number): Promise<string[]>;
}

const holders = new Map<string, ContactHolder>();

/**
 * Registers a kind of record that may hold contacts (once per label: a second registration with the
 * same label replaces the first, so building several apps in one process registers nothing twice).
 * Returns a function that removes it again (tests).
 */
export function registerContactHolder(holder: ContactHolder): () => void {
  holders.set(holder.label, holder);
  return () => {
    if (holders.get(holder.label) === holder) holders.delete(holder.label);
  };
}

/** "提案：《…》（办理中）" for every record that still needs the contact. */
export async function contactHeldBy(trx: Transaction<Database>, contactId: number): Promise<string[]> {
  const found: string[] = [];
  for (const holder of holders.values()) {
    for (const what of await holder.find(trx, contactId)) found.push(`${holder.label}：${what}`);
  }
  return found;
}

// The same for organisations of the directory: a module whose records name a contact organisation
// registers what holds one; deleting the organisation is refused while any answers.
const organisationHolders = new Map<string, ContactHolder>();

/** Registers a kind of record that may name contact organisations (as registerContactHolder). */
export function registerContactOrganisationHolder(holder: ContactHolder): () => void {
  organisationHolders.set(holder.label, holder);
  return () => {
    if (organisationHolders.get(holder.label) === holder) organisationHolders.delete(holder.label);
  };
}

/** "提案：《…》（办理中）" for every registered record that still names the organisation. */
export async function organisationHeldBy(
  trx: Transaction<Database>,
  organisationId: number,
): Promise<string[]> {
  const found: string[] = [];
  for (const holder of organisationHolders.values()) {
    for (const what of await holder.find(trx, organisationId)) found.push(`${holder.label}：${what}`);
  }
  return found;
}
