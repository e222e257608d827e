import type { AccessContext, Permission, ResourceConstraint } from '../access/access-context';
import { forbidden } from '../errors/fhir-error';
import type { SearchEngine } from '../search/search-engine';
import type { ResourceDocument } from './resource-document';

const PERMISSION_NAMES: Record<Permission, string> = { c: 'create', r: 'read', u: 'update', d: 'delete', s: 'search' };

/**
 * Applies an AccessContext's policy to single resources. A type that is not granted at all is refused with 403;
 * a resource outside the grant is then treated by the caller as not found, so its existence is not revealed.
 */
export class AccessGuard {
  constructor(private readonly engine: () => SearchEngine) {}

  require(ctx: AccessContext, type: string, permission: Permission): readonly ResourceConstraint[] {
    const grants = ctx.policy.grants(type, permission);
    if (grants.length === 0) {
      throw forbidden(`Not permitted to ${PERMISSION_NAMES[permission]} ${type} resources`);
    }
    return grants;
  }

  permits(ctx: AccessContext, type: string, permission: Permission, doc: Pick<ResourceDocument, '_id' | 'compartments' | 'sp'>): boolean {
    const grants = this.require(ctx, type, permission);
    if (grants.some((g) => g.compartment === undefined && g.query === undefined)) return true;
    return this.engine().allows(ctx, type, permission, doc);
  }
}
