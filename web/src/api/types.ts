// The API's types as the server declares them: generated from docs/api/openapi.json into schema.d.ts by
// `npm run openapi` (never written by hand). Features name what they use from here, by the server's
// schema names (components) or by operationId (the answer, body or query of one route).
import type { components, operations } from './schema';

export type Schemas = components['schemas'];
type OperationId = keyof operations;
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Responses<Op extends OperationId> = operations[Op]['responses'];

/** The JSON an operation answers on success (200 or 201). */
export type Answer<Op extends OperationId> = Json<Responses<Op>[Extract<keyof Responses<Op>, 200 | 201>]>;
/** The JSON body an operation takes. */
export type Body<Op extends OperationId> = NonNullable<Json<NonNullable<operations[Op]['requestBody']>>>;
type Query<Op extends OperationId> = NonNullable<operations[Op]['parameters']['query']>;
/** An operation's query parameters; the client leaves out null and '' (a filter not chosen). */
export type QueryOf<Op extends OperationId> = { [K in keyof Query<Op>]?: Query<Op>[K] | null | '' };
