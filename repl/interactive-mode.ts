/**
 * Ink renders only the last frame when it thinks it runs under CI (it reads `CI` / `CONTINUOUS_INTEGRATION` once, when
 * its module loads). The shell only starts on an interactive terminal, so that guess is wrong for us: a developer with
 * `CI=true` exported in a container would see nothing until exit. Call this before ink is first imported.
 */
export function enableInteractiveRendering(): void {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
}
