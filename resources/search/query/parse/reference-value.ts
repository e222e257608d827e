import { isResourceType } from '../../../definitions/resource-types';
import { badRequest } from '../../../errors/fhir-error';
import { splitFirst, unescapeValue } from './escaping';

/**
 * What one reference value asks for (R4 search.html#reference):
 *   `123`, `Patient/123`, `[this server's base]/Patient/123`  a resource here -> `local`, as `Type/id` candidates
 *   any other absolute URL, `urn:uuid:...`                    -> `url`
 *   a canonical `url|version`                                  -> `url` with its version
 */
export type ReferenceValue = { kind: 'local'; refs: string[] } | { kind: 'url'; url: string; version?: string };

const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const TYPED = /^([A-Z][A-Za-z]+)\/([^/]+)(?:\/_history\/[^/]+)?$/;
const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:/;

export interface ReferenceTargets {
  /** Types the parameter may point to; empty when the definition does not say (any type). */
  types: readonly string[];
  fhirBase: string;
}

export function parseReferenceValue(text: string, name: string, targets: ReferenceTargets): ReferenceValue {
  const versioned = splitFirst(text, '|');
  const value = unescapeValue(versioned ? versioned[0] : text);
  if (versioned) {
    if (!ABSOLUTE.test(value)) throw malformed(text, name);
    return { kind: 'url', url: value, version: unescapeValue(versioned[1]) };
  }
  const base = `${targets.fhirBase}/`;
  const local = value.startsWith(base) ? value.slice(base.length) : value;
  const typed = TYPED.exec(local);
  if (typed) return { kind: 'local', refs: [`${checkedType(typed[1], text, name, targets)}/${checkedId(typed[2], text, name)}`] };
  if (ABSOLUTE.test(value)) return { kind: 'url', url: value };
  const id = checkedId(local, text, name);
  if (targets.types.length === 0) {
    throw badRequest(`Parameter ${name} may point to any resource type, so '${text}' needs one: Type/${id}`, name);
  }
  return { kind: 'local', refs: targets.types.map((t) => `${t}/${id}`) };
}

function checkedType(type: string, text: string, name: string, targets: ReferenceTargets): string {
  if (!isResourceType(type)) throw malformed(text, name, `${type} is not a resource type`);
  if (targets.types.length > 0 && !targets.types.includes(type)) {
    throw badRequest(`Parameter ${name} refers to ${targets.types.join(', ')}, not ${type} ('${text}')`, name);
  }
  return type;
}

function checkedId(id: string, text: string, name: string): string {
  if (!ID.test(id)) throw malformed(text, name, `'${id}' is not a resource id`);
  return id;
}

function malformed(text: string, name: string, why?: string) {
  const reason = why ? `: ${why}` : '';
  return badRequest(`'${text}' is not a reference (parameter ${name})${reason}; write Type/id, id or an absolute URL`, name);
}
