import { readR4File } from '../../../definitions/r4-files';

/**
 * What the R4 StructureDefinitions say about each resource type's top-level elements that `_summary` and
 * `_elements` need: which are summary elements (ElementDefinition.isSummary) and which are mandatory (min > 0).
 * http://hl7.org/fhir/R4/search.html#summary, http://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.isSummary
 */
export interface TopLevelElements {
  /** Every element name, choices by their base name. */
  declared: ReadonlySet<string>;
  summary: ReadonlySet<string>;
  mandatory: ReadonlySet<string>;
  /** Choice elements by their base name (`value` for `value[x]`), whose JSON names carry a type suffix. */
  choices: ReadonlySet<string>;
}

interface SnapshotElement {
  path: string;
  min?: number;
  isSummary?: boolean;
}

interface StructureDefinitionLike {
  resourceType: string;
  kind?: string;
  derivation?: string;
  type?: string;
  snapshot?: { element: SnapshotElement[] };
}

let byType: ReadonlyMap<string, TopLevelElements> | undefined;

export function topLevelElements(type: string): TopLevelElements | undefined {
  byType ??= build();
  return byType.get(type);
}

/**
 * The element a JSON property of a resource belongs to: itself, a choice's base name (`valueQuantity` ->
 * `value`), or the element a primitive's extension sibling extends (`_birthDate` -> `birthDate`).
 */
export function elementOf(property: string, elements: TopLevelElements): string {
  const name = property.startsWith('_') ? property.slice(1) : property;
  if (elements.declared.has(name)) return name;
  for (const choice of elements.choices) {
    if (name.length > choice.length && name.startsWith(choice) && /[A-Z]/.test(name[choice.length])) return choice;
  }
  return name;
}

function build(): Map<string, TopLevelElements> {
  const bundle = readR4File<{ entry: { resource: StructureDefinitionLike }[] }>('profiles-resources.json');
  const result = new Map<string, TopLevelElements>();
  for (const { resource: sd } of bundle.entry) {
    if (sd.resourceType !== 'StructureDefinition' || sd.kind !== 'resource' || sd.derivation === 'constraint' || !sd.type) continue;
    const declaredNames = new Set<string>();
    const summary = new Set<string>();
    const mandatory = new Set<string>();
    const choices = new Set<string>();
    for (const element of sd.snapshot?.element ?? []) {
      const parts = element.path.split('.');
      if (parts.length !== 2) continue;
      const declared = parts[1];
      const name = declared.endsWith('[x]') ? declared.slice(0, -3) : declared;
      declaredNames.add(name);
      if (name !== declared) choices.add(name);
      if (element.isSummary) summary.add(name);
      if ((element.min ?? 0) > 0) mandatory.add(name);
    }
    result.set(sd.type, { declared: declaredNames, summary, mandatory, choices });
  }
  return result;
}
