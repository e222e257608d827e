import { elementInfo, typeSuffix } from '../../definitions/elements';
import { isResourceType } from '../../definitions/resource-types';

/**
 * Where a child element of a FHIR type sits in JSON, and of which type it is there. A choice element (`value[x]`)
 * has one slot per allowed type (`valueQuantity`, `valueString`, ...), so a walker knows the type of every value
 * it meets without looking at the value. http://hl7.org/fhir/R4/json.html#choice
 */
export interface ElementSlot {
  readonly key: string;
  readonly type: string;
  /** The type is abstract (Resource, DomainResource): each value names its own type in `resourceType`. */
  readonly abstract: boolean;
}

const NO_SLOTS: readonly ElementSlot[] = Object.freeze([]);

/** Abstract types whose instances name their own type in `resourceType` (e.g. `Bundle.entry.resource`). */
const RESOURCE_TYPES: ReadonlySet<string> = new Set(['Resource', 'DomainResource']);

/** The specializations of Quantity (http://hl7.org/fhir/R4/datatypes.html#quantity) that `as Quantity` also selects. */
const QUANTITY_PROFILES: ReadonlySet<string> = new Set(['Age', 'Count', 'Distance', 'Duration', 'SimpleQuantity', 'MoneyQuantity']);

const slotCache = new Map<string, Map<string, readonly ElementSlot[]>>();

/** The JSON slots of child `name` of `typeName` (a type or backbone path such as `Observation.component`). */
export function elementSlots(typeName: string, name: string): readonly ElementSlot[] {
  let byName = slotCache.get(typeName);
  if (!byName) {
    byName = new Map();
    slotCache.set(typeName, byName);
  }
  let slots = byName.get(name);
  if (!slots) {
    slots = computeSlots(typeName, name);
    byName.set(name, slots);
  }
  return slots;
}

function computeSlots(typeName: string, name: string): readonly ElementSlot[] {
  const info = elementInfo(typeName, name);
  if (!info) return NO_SLOTS;
  if (info.choice && info.name === name) {
    return Object.freeze(info.types.map((type) => slot(name + typeSuffix(type), type)));
  }
  return Object.freeze([slot(name, info.types[0])]);
}

function slot(key: string, type: string): ElementSlot {
  return Object.freeze({ key, type, abstract: RESOURCE_TYPES.has(type) });
}

/** The type a value in a slot stands for: the slot's type, or for an abstract Resource its own `resourceType`. */
export function typeIn(slot: ElementSlot, value: unknown): string {
  if (slot.abstract && typeof value === 'object' && value !== null) {
    const own = (value as { resourceType?: unknown }).resourceType;
    if (typeof own === 'string') return own;
  }
  return slot.type;
}

/**
 * FHIRPath `is` / `as` on a FHIR type: the same type (FHIRPath type names are case-insensitive in the first letter,
 * so `as(DateTime)` in R4's composite components means `dateTime`), a Quantity profile for Quantity, or any
 * resource for Resource. http://hl7.org/fhirpath/N1/#types
 */
export function isOfType(actual: string, wanted: string): boolean {
  if (actual === wanted) return true;
  if (actual.toLowerCase() === wanted.toLowerCase()) return true;
  if (wanted === 'Quantity') return QUANTITY_PROFILES.has(actual);
  if (RESOURCE_TYPES.has(wanted)) return isResourceType(actual);
  return false;
}
