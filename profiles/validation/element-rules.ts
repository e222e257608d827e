import type { SchemaObject } from 'ajv';
import { elementInfo, elementNames, typeSuffix } from '../../resources/definitions/elements';

/**
 * What the R4 JSON schema leaves out of the StructureDefinitions, per schema definition:
 * - required primitives: the schema lists only required complex elements, because a primitive may be sent as
 *   its `_x` extension half alone (https://hl7.org/fhir/R4/json.html#primitive); so `Observation.status`,
 *   `Bundle.type` or `Extension.url` could be left out;
 * - choice elements (https://hl7.org/fhir/R4/formats.html#choice): the schema lists `valueQuantity`,
 *   `valueString`, ... as unrelated properties, so several could be present at once, and a required choice
 *   such as `MedicationAdministration.effective[x]` could be absent.
 */
export interface ElementRules {
  /** Non-choice elements with min >= 1 that the schema does not already require; `x` or `_x` satisfies each. */
  readonly required: readonly string[];
  readonly choices: readonly ChoiceRule[];
}

export interface ChoiceRule {
  /** The choice's name without `[x]`, e.g. `value`. */
  readonly name: string;
  /** Its JSON property names, e.g. `valueQuantity`, `valueString`. */
  readonly variants: readonly string[];
  readonly required: boolean;
}

/** Element rules keyed by schema definition name (`Observation`, `Observation_Component`, `Timing_Repeat`). */
export function elementRulesFor(definitions: Readonly<Record<string, SchemaObject>>): Map<string, ElementRules> {
  const rules = new Map<string, ElementRules>();
  for (const [name, path] of definitionPaths(definitions)) {
    const definitionRules = rulesOf(path, definitions[name]);
    if (definitionRules.required.length > 0 || definitionRules.choices.length > 0) rules.set(name, definitionRules);
  }
  return rules;
}

/**
 * The FHIR element path each schema definition stands for. Types and resources are named alike in both; a
 * backbone definition (`ImplementationGuide_Resource1`) is the path of the property that first refers to it
 * and has children of its own (a content reference such as `Bundle.entry.link` has none).
 */
function definitionPaths(definitions: Readonly<Record<string, SchemaObject>>): Map<string, string> {
  const paths = new Map<string, string>();
  const queue: string[] = [];
  for (const name of Object.keys(definitions)) {
    if (!name.includes('_') && elementNames(name) !== undefined) {
      paths.set(name, name);
      queue.push(name);
    }
  }
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const properties = (definitions[next].properties ?? {}) as Record<string, SchemaObject>;
    for (const [property, schema] of Object.entries(properties)) {
      const target = definitionName(schema.$ref ?? schema.items?.$ref);
      const path = `${paths.get(next)}.${property}`;
      if (target?.includes('_') && !paths.has(target) && elementNames(path) !== undefined) {
        paths.set(target, path);
        queue.push(target);
      }
    }
  }
  return paths;
}

function rulesOf(path: string, definition: SchemaObject): ElementRules {
  const properties = (definition.properties ?? {}) as Record<string, unknown>;
  const schemaRequired = new Set<string>((definition.required as string[] | undefined) ?? []);
  const required: string[] = [];
  const choices: ChoiceRule[] = [];
  for (const declared of elementNames(path) ?? []) {
    const info = elementInfo(path, declared);
    if (info === undefined) continue;
    if (info.choice) {
      const variants = info.types.map((type) => info.name + typeSuffix(type)).filter((variant) => variant in properties);
      if (variants.length > 0) choices.push({ name: info.name, variants, required: info.min > 0 });
    } else if (info.min > 0 && !schemaRequired.has(declared) && declared in properties) {
      required.push(declared);
    }
  }
  return { required, choices };
}

function definitionName(ref: unknown): string | undefined {
  return typeof ref === 'string' && ref.startsWith('#/definitions/') ? ref.slice('#/definitions/'.length) : undefined;
}
