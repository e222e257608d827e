import { readR4File } from './r4-files';

/**
 * What the R4 StructureDefinitions say about one child element of a type: its cardinality and types.
 * Built from the snapshots (which already include inherited elements such as `id`, `meta`, `extension`).
 * http://hl7.org/fhir/R4/elementdefinition.html
 */
export interface ElementInfo {
  /** Path of the defining ElementDefinition, e.g. `Observation.value[x]`, `Patient.contact.name`. */
  readonly path: string;
  /** Element name without a choice suffix: `value` for `value[x]`. */
  readonly name: string;
  readonly min: number;
  /** Maximum cardinality as written in the definition: `'0'`, `'1'` or `'*'`. */
  readonly max: string;
  /**
   * Type names: FHIR types (`string`, `HumanName`, `Resource`, ...) or, for a backbone element, the path that
   * defines its children (`Patient.contact`), which is itself a valid `typeName` for {@link elementInfo}.
   */
  readonly types: readonly string[];
  /**
   * True for a choice element (`value[x]`). Looked up by a typed name such as `valueQuantity`, the info is that
   * branch of the choice: `types` then holds the one type the name stands for.
   */
  readonly choice: boolean;
}

interface TypeElements {
  /** Declared element names as in the definitions (`value[x]` for a choice). */
  readonly declared: readonly string[];
  /** Declared names plus one entry per typed choice name (`valueQuantity`). */
  readonly byName: ReadonlyMap<string, ElementInfo>;
}

interface SnapshotElement {
  path: string;
  min?: number;
  max?: string;
  type?: { code: string; extension?: { url: string; valueUrl?: string }[] }[];
  contentReference?: string;
}

interface StructureDefinitionLike {
  resourceType: string;
  derivation?: string;
  snapshot?: { element: SnapshotElement[] };
}

const DEFINITION_FILES = ['profiles-types.json', 'profiles-resources.json'];

/**
 * Elements whose type is a FHIRPath system type (e.g. `Element.id`) name the FHIR type in this extension.
 * http://hl7.org/fhir/R4/extension-structuredefinition-fhir-type.html
 */
const FHIR_TYPE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';
const SYSTEM_TYPE_PREFIX = 'http://hl7.org/fhirpath/System.';

let registry: ReadonlyMap<string, TypeElements> | undefined;

/**
 * The element `elementName` of `typeName`, or undefined when the type or the element is not defined.
 * `typeName` is a type (`Patient`, `HumanName`) or a backbone element path (`Patient.contact`).
 * A choice element answers to `value[x]`, `value` and each typed name (`valueQuantity`).
 */
export function elementInfo(typeName: string, elementName: string): ElementInfo | undefined {
  const byName = definitions().get(typeName)?.byName;
  return byName?.get(elementName) ?? byName?.get(`${elementName}[x]`);
}

/** The declared element names of a type or backbone element (choices as `value[x]`); undefined if unknown. */
export function elementNames(typeName: string): readonly string[] | undefined {
  return definitions().get(typeName)?.declared;
}

/** Whether the element repeats, i.e. is a JSON array. */
export function isList(info: ElementInfo): boolean {
  return info.max !== '0' && info.max !== '1';
}

/** `quantity` -> `Quantity`, `dateTime` -> `DateTime`: the suffix a type gives a choice element's name. */
export function typeSuffix(typeName: string): string {
  return typeName.charAt(0).toUpperCase() + typeName.slice(1);
}

/** Built on first use from the (large, ~37 MB) definition files; a process that never asks pays nothing. */
function definitions(): ReadonlyMap<string, TypeElements> {
  registry ??= build();
  return registry;
}

function build(): ReadonlyMap<string, TypeElements> {
  const collected = new Map<string, { declared: string[]; byName: Map<string, ElementInfo> }>();
  for (const sd of structureDefinitions()) {
    const elements = sd.snapshot?.element ?? [];
    const parents = new Set(elements.map((e) => parentPath(e.path)));
    for (const element of elements.slice(1)) {
      const owner = parentPath(element.path);
      let entry = collected.get(owner);
      if (!entry) {
        entry = { declared: [], byName: new Map() };
        collected.set(owner, entry);
      }
      addElement(entry, element, elementTypes(element, parents));
    }
  }
  const result = new Map<string, TypeElements>();
  for (const [owner, entry] of collected) {
    result.set(owner, Object.freeze({ declared: Object.freeze(entry.declared), byName: entry.byName }));
  }
  return result;
}

function structureDefinitions(): StructureDefinitionLike[] {
  return DEFINITION_FILES.flatMap((file) => readR4File<{ entry: { resource: StructureDefinitionLike }[] }>(file).entry)
    .map((e) => e.resource)
    .filter((r) => r.resourceType === 'StructureDefinition' && r.derivation !== 'constraint');
}

function addElement(
  entry: { declared: string[]; byName: Map<string, ElementInfo> },
  element: SnapshotElement,
  types: string[],
): void {
  const declaredName = element.path.slice(element.path.lastIndexOf('.') + 1);
  const choice = declaredName.endsWith('[x]');
  const name = choice ? declaredName.slice(0, -3) : declaredName;
  const base = { path: element.path, name, min: element.min ?? 0, max: element.max ?? '*', choice };
  entry.declared.push(declaredName);
  entry.byName.set(declaredName, freeze({ ...base, types }));
  if (choice) {
    for (const type of types) entry.byName.set(name + typeSuffix(type), freeze({ ...base, types: [type] }));
  }
}

function elementTypes(element: SnapshotElement, parents: Set<string>): string[] {
  // R4 content references always point at a backbone element, whose path names its children.
  if (element.contentReference) return [element.contentReference.slice(element.contentReference.indexOf('#') + 1)];
  if (parents.has(element.path)) return [element.path];
  return (element.type ?? []).map((t) => {
    if (!t.code.startsWith(SYSTEM_TYPE_PREFIX)) return t.code;
    const fhirType = t.extension?.find((x) => x.url === FHIR_TYPE_EXTENSION)?.valueUrl;
    return fhirType ?? systemTypeToFhir(t.code.slice(SYSTEM_TYPE_PREFIX.length));
  });
}

function systemTypeToFhir(systemType: string): string {
  return systemType === 'DateTime' ? 'dateTime' : systemType.toLowerCase();
}

function parentPath(path: string): string {
  return path.slice(0, Math.max(path.lastIndexOf('.'), 0));
}

function freeze(info: ElementInfo): ElementInfo {
  Object.freeze(info.types);
  return Object.freeze(info);
}
