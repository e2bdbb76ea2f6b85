import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deploymentConfigJsonSchema } from './config';

/** Path of the published JSON Schema, relative to the project root. */
export const SCHEMA_PATH = 'schema/deployment-config.schema.json';

/** The schema file's text: stable key order, two-space indent, trailing newline. */
export function schemaText(): string {
  return `${JSON.stringify(deploymentConfigJsonSchema(), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(join(__dirname, '..', '..', SCHEMA_PATH), schemaText());
  console.log(`wrote ${SCHEMA_PATH}`);
}
