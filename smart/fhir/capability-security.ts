import type { CapabilityStatement } from 'fhir/r4';
import type { Endpoints } from '../discovery/endpoints';

/**
 * Adds the SMART security section to /metadata (SMART App Launch 2.2 §Conformance: the oauth-uris extension
 * and the SMART-on-FHIR service coding), given to buildCapabilityStatement as its `extend` hook.
 */
export function capabilitySecurity(endpoints: Endpoints): (statement: CapabilityStatement) => void {
  return (statement) => {
    const rest = statement.rest?.[0];
    if (!rest) return;
    rest.security = {
      cors: true,
      service: [
        {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR', display: 'SMART-on-FHIR' }],
          text: 'OAuth2 using SMART-on-FHIR profile (see http://docs.smarthealthit.org)',
        },
      ],
      extension: [
        {
          url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
          extension: [
            { url: 'authorize', valueUri: endpoints.authorize },
            { url: 'token', valueUri: endpoints.token },
            { url: 'introspect', valueUri: endpoints.introspect },
            { url: 'revoke', valueUri: endpoints.revoke },
            { url: 'register', valueUri: endpoints.register },
            { url: 'manage', valueUri: endpoints.manage },
          ],
        },
      ],
      description: 'Every request needs a SMART access token; scopes are enforced on each interaction.',
    };
  };
}
