import fs from 'node:fs';
import path from 'node:path';
import type {
  OperationDefinition,
  CapabilityStatement,
  CapabilityStatementRestResource,
  CapabilityStatementRestResourceInteraction,
  CapabilityStatementRestResourceSearchParam,
} from 'fhir/r4';
import { resourceTypes } from '../../resources/definitions/resource-types';
import type { FhirRoute } from './route-table';

import { projectRoot } from '../project-root';

export type SearchParamsOf = (type: string) => CapabilityStatementRestResourceSearchParam[];

/**
 * /metadata: the base CapabilityStatement at the repository root, merged with what this server actually
 * registers: every resource type with the interactions its routes serve, versioning, conditional support and
 * search parameters (R4 capabilitystatement.html). Built once per server; it only changes with the code.
 */
export function buildCapabilityStatement(options: {
  fhirBase: string;
  routes: readonly FhirRoute[];
  searchParamsOf: SearchParamsOf;
  /** The `$operations` offered, each listed on its resource types. */
  operations?: readonly OperationDefinition[];
  extend?: (statement: CapabilityStatement) => void;
}): CapabilityStatement {
  const base = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'capability-statement.json'), 'utf8')) as CapabilityStatement;
  const typeInteractions = new Set<CapabilityStatementRestResourceInteraction['code']>();
  const systemInteractions = new Set<string>();
  for (const route of options.routes) {
    if (route.capability?.level === 'type') typeInteractions.add(route.capability.code as CapabilityStatementRestResourceInteraction['code']);
    if (route.capability?.level === 'system') systemInteractions.add(route.capability.code);
  }
  const resources: CapabilityStatementRestResource[] = [...resourceTypes()].map((type) => {
    const r: CapabilityStatementRestResource = {
      type: type as CapabilityStatementRestResource['type'],
      profile: `http://hl7.org/fhir/StructureDefinition/${type}`,
      interaction: [...typeInteractions].map((code) => ({ code })),
      versioning: 'versioned-update',
      readHistory: true,
      updateCreate: true,
      conditionalCreate: true,
      conditionalRead: 'full-support',
      conditionalUpdate: true,
      conditionalDelete: 'single',
    };
    const params = options.searchParamsOf(type);
    if (params.length > 0) r.searchParam = params;
    const operations = (options.operations ?? []).filter((op) => op.resource?.includes(type as never));
    if (operations.length > 0) r.operation = operations.map((op) => ({ name: op.code, definition: op.url! }));
    return r;
  });
  const statement: CapabilityStatement = {
    ...base,
    implementation: { ...(base.implementation ?? { description: '' }), url: options.fhirBase },
    rest: [
      {
        ...(base.rest?.[0] ?? { mode: 'server' }),
        mode: 'server',
        resource: resources,
        interaction: [...systemInteractions].map((code) => ({ code: code as 'transaction' })),
      },
    ],
  };
  options.extend?.(statement);
  return statement;
}
