// `npm run openapi`: writes the API document reviewers see change (docs/api/openapi.json) and the web
// app's types generated from it (scripts/api-types.ts).
import fs from 'node:fs';
import { OPENAPI_FILE, renderOpenApi } from '../server/openapi.ts';
import { renderWebLimits, renderWebSchema, WEB_LIMITS_FILE, WEB_SCHEMA_FILE } from './api-types.ts';

const document = await renderOpenApi();
fs.writeFileSync(OPENAPI_FILE, document);
fs.writeFileSync(WEB_SCHEMA_FILE, await renderWebSchema(document));
fs.writeFileSync(WEB_LIMITS_FILE, await renderWebLimits(document));
console.log(`wrote ${OPENAPI_FILE}, ${WEB_SCHEMA_FILE}, ${WEB_LIMITS_FILE}`);
