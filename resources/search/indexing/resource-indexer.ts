import type { Resource } from 'fhir/r4';
import type { SearchIndexValues } from '../index-format';
import type { ResourceIndexer } from '../search-engine';
import { indexSpecsFor } from './index-specs';
import { AUDIT_EVENT_EXTRACTORS } from './audit-event-extractors';
import type { IndexingContext, Json } from './indexing-context';
import { compileExtractor, type EntryExtractor } from './parameter-extractor';
import { compileCompartmentMembership, type CompartmentMembership } from './patient-compartment';
import { searchParametersOf } from './search-parameter-registry';

/**
 * Write-time search indexing (DESIGN.md, Search): every R4 search parameter of the resource's type is evaluated
 * and stored normalized beside the resource, with its patient compartments. Everything about a type is compiled
 * on its first resource and shared by every indexer in the process (it does not depend on the FHIR base).
 */
interface TypePlan {
  readonly extractors: readonly { readonly code: string; readonly extract: EntryExtractor }[];
  readonly compartments: CompartmentMembership;
}

const plans = new Map<string, TypePlan>();

export function createResourceIndexer(options: { fhirBase: string }): ResourceIndexer {
  const fhirBase = options.fhirBase.replace(/\/+$/, '');
  const specs = new Map<string, ReturnType<typeof indexSpecsFor>>();
  return {
    index(resource: Resource) {
      const plan = planFor(resource.resourceType);
      const context: IndexingContext = { fhirBase, resource: resource as unknown as Json };
      const sp: SearchIndexValues = {};
      for (const { code, extract } of plan.extractors) {
        const entries = extract(context);
        if (entries.length > 0) sp[code] = entries;
      }
      return { sp, compartments: plan.compartments(resource.id, sp) };
    },
    indexSpecs(resourceType: string) {
      let list = specs.get(resourceType);
      if (!list) {
        list = indexSpecsFor(resourceType);
        specs.set(resourceType, list);
      }
      return list.map((spec) => ({ ...spec, keys: spec.keys.map(([field, direction]) => [field, direction] as const) }));
    },
  };
}

/** Types whose parameters are written out by hand because they are indexed on every request (each checked by a test). */
const HAND_COMPILED: Readonly<Record<string, TypePlan['extractors']>> = { AuditEvent: AUDIT_EVENT_EXTRACTORS };

function planFor(resourceType: string): TypePlan {
  let plan = plans.get(resourceType);
  if (!plan) {
    const extractors = HAND_COMPILED[resourceType] ?? compileExtractors(resourceType);
    plan = { extractors, compartments: compileCompartmentMembership(resourceType) };
    plans.set(resourceType, plan);
  }
  return plan;
}

/** Every search parameter of the type compiled from its R4 FHIRPath expression. */
export function compileExtractors(resourceType: string): TypePlan['extractors'] {
  const extractors: { code: string; extract: EntryExtractor }[] = [];
  for (const param of searchParametersOf(resourceType)) {
    const extract = compileExtractor(param, resourceType);
    if (extract) extractors.push({ code: param.code, extract });
  }
  return extractors;
}
