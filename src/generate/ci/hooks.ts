/**
 * The deploy, smoke-test and rollback steps every provider runs, as portable shell. They call hooks
 * the Kubernetes / Helm families provide (deploy/deploy.sh, deploy/rollback.sh by default) and fail
 * loudly when a hook or the environment's URL is missing: a pipeline that reports a deployment it
 * did not make is worse than a red one. Values arrive as env vars, never interpolated into the
 * script, so nothing from a branch name or a pull request can become shell code.
 */

/** The CI variable holding a service's base URL in an environment: `API_BASE_URL`. */
export function urlVariable(service: string): string {
  const upper = service.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return `${/^[0-9]/.test(upper) ? `SVC_${upper}` : upper}_BASE_URL`;
}

/** `errorPrefix` is how the provider highlights an error line (GitHub: `::error::`). */
export function deployScript(errorPrefix: string): string {
  return [
    'if [ ! -x "$DEPLOY_HOOK" ]; then',
    `  echo "${errorPrefix}$DEPLOY_HOOK is missing or not executable: generate it with devsquad (kubernetes or helm) or write your own; see the CI readme."`,
    '  exit 1',
    'fi',
    '"$DEPLOY_HOOK" "$ENVIRONMENT" "$SERVICE" "$IMAGE"',
  ].join('\n') + '\n';
}

export function smokeScript(errorPrefix: string): string {
  return [
    'if [ -z "$BASE_URL" ]; then',
    `  echo "${errorPrefix}Set the $URL_VARIABLE variable for the $ENVIRONMENT environment to the service's public URL."`,
    '  exit 1',
    'fi',
    'curl --fail --silent --show-error --retry 10 --retry-delay 6 --retry-all-errors --max-time 10 "$BASE_URL$HEALTH_PATH"',
  ].join('\n') + '\n';
}

export function rollbackScript(errorPrefix: string): string {
  return [
    'if [ ! -x "$ROLLBACK_HOOK" ]; then',
    `  echo "${errorPrefix}$ROLLBACK_HOOK is missing or not executable: nothing was rolled back; see the CI readme."`,
    '  exit 1',
    'fi',
    '"$ROLLBACK_HOOK" "$ENVIRONMENT" "$SERVICE"',
  ].join('\n') + '\n';
}
