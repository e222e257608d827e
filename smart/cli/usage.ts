/** What `fhir-admin help` prints. Keep in step with the README. */
export const USAGE = `fhir-admin: administer the SMART authorization server of this FHIR server.

It works on the same store as the server: DATA_DIR (embedded store) or MONGODB_URI, and BASE_URL for the
URLs it prints. Run it with the same environment as the server.

Clients
  fhir-admin client add --kind public|symmetric|asymmetric --name NAME [--id ID]
                        [--redirect-uri URL ...] --scope "SCOPES" [--launch-url URL]
                        [--jwks-file PATH | --jwks-url URL] [--grant TYPE ...]
      public: browser/native apps (PKCE); symmetric: prints the client secret once;
      asymmetric: private_key_jwt with a JWKS (backend services when given system/ scopes).
  fhir-admin client remove --id ID          (also revokes every token the client holds)
  fhir-admin client list

Users
  fhir-admin user add --username NAME --role ROLE[@FROM/TO] ... [--fhir-user Practitioner/123]
      reads the password from stdin; prints the TOTP secret and otpauth:// URI to enrol an
      authenticator app. A role may be time-bound: nurse@2026-01-05T07:00Z/2026-01-05T19:00Z.
  fhir-admin user disable --username NAME   (also revokes every token issued for the user)
  fhir-admin user list
  fhir-admin roles                          (the role catalogue)

Tokens
  fhir-admin token revoke --jti JTI | --user NAME | --client ID

EHR launch
  fhir-admin launch --client ID --patient PATIENT_ID [--encounter ENCOUNTER_ID]
      creates a launch context and prints <launch_url>?iss=<FHIR base>&launch=<id>
`;
