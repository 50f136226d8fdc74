// `npm run openapi`: writes the API document reviewers see change (docs/api/openapi.json).
import fs from 'node:fs';
import { OPENAPI_FILE, renderOpenApi } from '../server/openapi.ts';

fs.writeFileSync(OPENAPI_FILE, await renderOpenApi());
console.log(`wrote ${OPENAPI_FILE}`);
