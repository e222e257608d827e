import type { Permission } from '../../resources/access/access-context';
import type { ContextScopeName, Scope } from './scope';

/** Each scope in plain words, for the consent page (SMART §Scopes: the user must understand what they grant). */
export function describeScope(scope: Scope): string {
  if (scope.kind === 'context') return CONTEXT_WORDS[scope.text];
  const verbs = joinWords(scope.permissions.map((p) => VERBS[p]));
  const things = scope.type === '*' ? 'health records' : scope.type === 'Patient' ? 'demographic records' : `${words(scope.type)} records`;
  const whose = { patient: scope.type === '*' ? "all of the selected patient's" : "the selected patient's", user: 'any', system: 'all' }[scope.level];
  const limit = scope.level === 'user' ? ' that your role lets you see' : '';
  const filter = scope.query === undefined ? '' : ` (only those where ${describeQuery(scope.query)})`;
  return `${capitalize(verbs)} ${whose} ${things}${limit}${filter}`;
}

const CONTEXT_WORDS: Record<ContextScopeName, string> = {
  launch: 'Know the patient and encounter that are open in the EHR',
  'launch/patient': 'Know which patient you select',
  'launch/encounter': 'Know which encounter you select',
  openid: 'Know who you are (your sign-in identity)',
  fhirUser: 'See your own user record (for example your practitioner profile)',
  profile: 'See your own user record (for example your practitioner profile)',
  offline_access: 'Keep this access after you sign out, until you revoke it',
  online_access: 'Keep this access while you stay signed in',
};

const VERBS: Record<Permission, string> = { c: 'create', r: 'read', u: 'update', d: 'delete', s: 'search' };

/** `category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory` → `category is laboratory`. */
function describeQuery(query: string): string {
  return joinWords(
    query.split('&').map((pair) => {
      const [name, value] = pair.split('=', 2);
      const readable = value
        .split(',')
        .map((v) => v.slice(v.lastIndexOf('|') + 1) || v)
        .join(' or ');
      return `${words(name)} is ${readable}`;
    }),
  );
}

function words(camel: string): string {
  return camel.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase();
}

function joinWords(list: string[]): string {
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
