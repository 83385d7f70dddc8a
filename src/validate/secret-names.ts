/**
 * Which variable names look like credentials, shared by the Dockerfile and compose rules. Narrower
 * than the detectors' notion of a secret on purpose: a validator finding must be right when it
 * fires, so names that merely configure a secret (TOKEN_TTL, PASSWORD_FILE, PUBLIC_KEY) do not count.
 */

/** Words that make a name a credential on their own. */
const SECRET_WORDS = new Set(['PASSWORD', 'PASSWD', 'PASSPHRASE', 'PASS', 'PWD', 'SECRET', 'TOKEN', 'APIKEY', 'CREDENTIAL', 'CREDENTIALS', 'PRIVATEKEY']);
/** `<word>_KEY` pairs that name a credential (API_KEY, ACCESS_KEY, SECRET_KEY…). */
const KEY_PREFIXES = new Set(['API', 'ACCESS', 'PRIVATE', 'SECRET', 'AUTH', 'SIGNING', 'ENCRYPTION', 'MASTER', 'SERVICE', 'LICENSE', 'CLIENT']);
/**
 * Words that, after the credential word, turn the name into configuration about the secret rather
 * than the secret itself: POSTGRES_PASSWORD_FILE, TOKEN_TTL, JWT_SECRET_ALGORITHM.
 */
const MODIFIERS = new Set([
  'FILE', 'PATH', 'DIR', 'FILENAME', 'NAME', 'USER', 'USERNAME', 'ID', 'LENGTH', 'LEN', 'MIN', 'MAX', 'TTL', 'EXPIRY', 'EXPIRES',
  'EXPIRATION', 'LIFETIME', 'TIMEOUT', 'HEADER', 'TYPE', 'ENABLED', 'ENABLE', 'DISABLED', 'REQUIRED', 'URL', 'URI', 'ENDPOINT',
  'ALGORITHM', 'ALG', 'ISSUER', 'AUDIENCE', 'HOST', 'PORT', 'POLICY', 'FORMAT', 'PREFIX', 'VERSION', 'SIZE', 'COUNT', 'ROUNDS',
  'COST', 'HASH', 'HASHER', 'RESET', 'COOKIE', 'STORE', 'LOCATION', 'MODE', 'METHOD', 'KIND', 'FIELD', 'PARAM', 'ENV', 'VAR', 'REF',
]);
/** Words right before the credential word that make the name a switch (MYSQL_RANDOM_ROOT_PASSWORD=yes). */
const SWITCHES = new Set(['RANDOM', 'EMPTY', 'ONETIME', 'GENERATE', 'GENERATED', 'NO', 'SKIP']);
/** Public halves of key pairs and publishable client keys are meant to be shared. */
const PUBLIC_WORDS = new Set(['PUBLIC', 'PUBLISHABLE', 'PUB']);

export function isSecretLookingName(name: string): boolean {
  const words = name.toUpperCase().split(/[^A-Z0-9]+/).filter((w) => w !== '');
  // A lone PWD is the shell's working directory, not a password.
  if (words.some((w) => PUBLIC_WORDS.has(w)) || (words.length === 1 && words[0] === 'PWD')) return false;
  let last = -1;
  for (const [i, word] of words.entries()) {
    const prev = words[i - 1];
    if (SECRET_WORDS.has(word) || (word === 'KEY' && prev !== undefined && KEY_PREFIXES.has(prev))) last = i;
  }
  if (last === -1) return false;
  if (words.slice(0, last).some((w) => SWITCHES.has(w))) return false;
  return !words.slice(last + 1).some((w) => MODIFIERS.has(w));
}

/** Whether a value carries a password in a URL's user-info part (scheme://user:password@host). */
export function urlPassword(value: string): string | null {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/:@\s]*:([^@\s/]+)@/i.exec(value.trim());
  return match?.[1] ?? null;
}

/** Values that switch a feature on or off rather than carry a credential. */
export function isSwitchValue(value: string): boolean {
  return /^(true|false|yes|no|on|off|0|1)$/i.test(value.trim());
}
