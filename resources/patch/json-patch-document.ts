import type { Operation } from 'fast-json-patch';
import { badRequest } from '../errors/fhir-error';
import { PatchFault, malformed } from './patch-fault';
import { PROTECTED_ROOT_ELEMENTS, protectedElementMessage } from './protected-elements';

/**
 * Reads a JSON Patch document (RFC 6902, https://www.rfc-editor.org/rfc/rfc6902) into operations that are safe
 * to hand to fast-json-patch. Everything that can be judged without the resource is checked here, so that a
 * malformed document is a 400 whatever the resource; what depends on the resource is left to the apply step.
 */

const OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'] as const;
type Op = (typeof OPS)[number];

/** Operations that write at `path` (RFC 6902 section 4). `test` only reads. */
const WRITES_PATH: ReadonlySet<string> = new Set<Op>(['add', 'remove', 'replace', 'move', 'copy']);

/** Pointer tokens that cannot name a FHIR element and that would reach JavaScript object internals. */
const FORBIDDEN_TOKENS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function parseJsonPatch(patch: unknown): Operation[] {
  if (!Array.isArray(patch)) {
    throw badRequest('A JSON Patch document must be a JSON array of operations (RFC 6902 section 3)');
  }
  return patch.map((operation: unknown, index) => {
    try {
      return parseOperation(operation);
    } catch (e) {
      if (e instanceof PatchFault) throw e.toFhirError(jsonPatchLabel(index, operation), `/${index}`);
      throw e;
    }
  });
}

/** `JSON Patch operation 2 (replace /name/0/family)`: how diagnostics name an operation. */
export function jsonPatchLabel(index: number, operation: unknown): string {
  const label = `JSON Patch operation ${index}`;
  if (!isObject(operation) || typeof operation.op !== 'string' || typeof operation.path !== 'string') return label;
  return `${label} (${operation.op} ${operation.path})`;
}

function parseOperation(operation: unknown): Operation {
  if (!isObject(operation)) throw malformed('an operation must be a JSON object');
  const op = operation.op;
  if (typeof op !== 'string' || !(OPS as readonly string[]).includes(op)) {
    throw malformed(`'op' must be one of ${OPS.join(', ')}`);
  }
  const path = pointer(operation, 'path');
  if (WRITES_PATH.has(op)) refuseProtected(path, 'path');
  switch (op as Op) {
    case 'add':
    case 'replace':
    case 'test':
      if (!('value' in operation)) throw malformed(`'${op}' needs a 'value'`);
      // Members other than those of the operation are ignored (RFC 6902 section 4); values are copied so the
      // patched resource never shares objects with the request body.
      return { op, path, value: structuredClone(operation.value) } as Operation;
    case 'remove':
      return { op: 'remove', path };
    case 'move':
    case 'copy': {
      const from = pointer(operation, 'from');
      if (op === 'move') {
        refuseProtected(from, 'from');
        // RFC 6902 section 4.4: an object cannot be moved into one of its own children.
        if (path.startsWith(`${from}/`)) throw malformed(`'from' must not be a proper prefix of 'path'`);
      }
      return { op, path, from } as Operation;
    }
  }
}

/** A JSON Pointer (RFC 6901): empty, or `/`-separated tokens where `~` only appears as `~0` or `~1`. */
function pointer(operation: Record<string, unknown>, member: 'path' | 'from'): string {
  const value = operation[member];
  if (typeof value !== 'string') throw malformed(`'${member}' must be a JSON Pointer string`);
  if (value !== '' && !value.startsWith('/')) throw malformed(`'${member}' must be empty or start with '/' (RFC 6901)`);
  if (/~(?![01])/.test(value)) throw malformed(`'${member}' has a '~' that is not '~0' or '~1' (RFC 6901)`);
  for (const token of tokens(value)) {
    if (FORBIDDEN_TOKENS.has(token)) throw malformed(`'${member}' contains '${token}', which is not a FHIR element`);
    // RFC 6901 section 4: array indexes have no leading zeros (and FHIR element names never look like one).
    if (/^0\d+$/.test(token)) throw malformed(`'${member}' has an array index with a leading zero`);
  }
  return value;
}

function refuseProtected(value: string, member: 'path' | 'from'): void {
  if (value === '') throw malformed(`'${member}' '' would replace the whole resource; use update (PUT) instead`);
  const first = tokens(value)[0];
  if (PROTECTED_ROOT_ELEMENTS.has(first)) throw malformed(protectedElementMessage(first));
}

function tokens(value: string): string[] {
  return value
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
