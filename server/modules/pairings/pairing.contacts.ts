// A pairing names a contact of its enterprise or 工商联: while the project runs, the contact stays (the
// contacts module refuses to delete or anonymise them, naming the pairing).
import { registerContactHolder } from '../contacts/index.ts';
import { STAGE_LABELS } from './pairing.schemas.ts';

export function registerPairingContactHolder() {
  registerContactHolder({
    label: '万企兴万村结对项目',
    find: async (trx, contactId) => {
      const rows = await trx
        .selectFrom('pairings')
        .select(['id', 'title', 'year', 'stage'])
        .where('contact_id', '=', contactId)
        .where('stage', 'in', ['planned', 'ongoing'])
        .limit(5)
        .execute();
      return rows.map((r) => `《${r.title}》（${r.year}年，${STAGE_LABELS[r.stage]}）`);
    },
  });
}
