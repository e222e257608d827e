import type { CodeSystem, ValueSet } from 'fhir/r4';
import { readR4File } from '../definitions/r4-files';

/**
 * The CodeSystems and ValueSets that ship with the R4 definitions: FHIR's own (valuesets.json), HL7 v3
 * (v3-codesystems.json) and HL7 v2 tables (v2-tables.json). About 22 MB of JSON, read on first use only.
 * http://hl7.org/fhir/R4/terminologies-systems.html
 */
const FILES = ['valuesets.json', 'v3-codesystems.json', 'v2-tables.json'];

interface Catalog {
  readonly codeSystems: ReadonlyMap<string, CodeSystem>;
  readonly valueSets: ReadonlyMap<string, ValueSet>;
  /** CodeSystem.valueSet: the value set of all codes of a code system, by its URL. */
  readonly implicitValueSets: ReadonlyMap<string, CodeSystem>;
}

let catalog: Catalog | undefined;

export function codeSystemFor(url: string): CodeSystem | undefined {
  return load().codeSystems.get(url);
}

export function valueSetFor(url: string): ValueSet | undefined {
  return load().valueSets.get(url);
}

/** The code system whose `valueSet` element names `url` (its "all codes" value set). */
export function codeSystemWithValueSet(url: string): CodeSystem | undefined {
  return load().implicitValueSets.get(url);
}

function load(): Catalog {
  if (!catalog) {
    const codeSystems = new Map<string, CodeSystem>();
    const valueSets = new Map<string, ValueSet>();
    const implicitValueSets = new Map<string, CodeSystem>();
    for (const file of FILES) {
      for (const { resource } of readR4File<{ entry: { resource: CodeSystem | ValueSet }[] }>(file).entry) {
        if (!resource.url) continue;
        if (resource.resourceType === 'CodeSystem') {
          if (!codeSystems.has(resource.url)) codeSystems.set(resource.url, resource);
          if (resource.valueSet && !implicitValueSets.has(resource.valueSet)) implicitValueSets.set(resource.valueSet, resource);
        } else if (!valueSets.has(resource.url)) {
          valueSets.set(resource.url, resource);
        }
      }
    }
    catalog = { codeSystems, valueSets, implicitValueSets };
  }
  return catalog;
}
