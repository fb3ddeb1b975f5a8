/** The package's own package.json (for `--version`), found by walking up from this module's file. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageInfo {
  readonly name: string;
  readonly version: string;
}

export function readPackageInfo(startUrl: string = import.meta.url): PackageInfo {
  let directory = dirname(fileURLToPath(startUrl));
  for (;;) {
    const candidate = join(directory, 'package.json');
    if (existsSync(candidate)) {
      const parsed: unknown = JSON.parse(readFileSync(candidate, 'utf8'));
      if (isPackageInfo(parsed) && parsed.name === 'sluice') return { name: parsed.name, version: parsed.version };
    }
    const parent = dirname(directory);
    if (parent === directory) return { name: 'sluice', version: '0.0.0' };
    directory = parent;
  }
}

function isPackageInfo(value: unknown): value is PackageInfo {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.name === 'string' && typeof record.version === 'string';
}
