import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rulesMarkdown } from '../lib';
import { deploymentConfigJsonSchema } from './config';

/** Path of the published JSON Schema, relative to the project root. */
export const SCHEMA_PATH = 'schema/deployment-config.schema.json';
/** Path of the rules reference, relative to the project root. */
export const RULES_PATH = 'RULES.md';

/** The schema file's text: stable key order, two-space indent, trailing newline. */
export function schemaText(): string {
  return `${JSON.stringify(deploymentConfigJsonSchema(), null, 2)}\n`;
}

if (require.main === module) {
  const root = join(__dirname, '..', '..');
  writeFileSync(join(root, SCHEMA_PATH), schemaText());
  writeFileSync(join(root, RULES_PATH), rulesMarkdown());
  console.log(`wrote ${SCHEMA_PATH} and ${RULES_PATH}`);
}
