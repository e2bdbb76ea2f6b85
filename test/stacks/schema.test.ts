import { readFileSync } from 'node:fs';
import { parseDeploymentConfig } from '../../stacks/config';
import { DEFAULT_DEPLOYMENT_CONFIG } from '../../stacks/default-config';
import { SCHEMA_PATH, schemaText } from '../../stacks/write-docs';

describe('the published JSON Schema', () => {
  test('is up to date with the config validation (run `npm run docs` after changing it)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(schemaText());
  });

  test('describes every top-level key the validation accepts', () => {
    const schema = JSON.parse(schemaText());
    const parsed = parseDeploymentConfig(DEFAULT_DEPLOYMENT_CONFIG, 'default');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    // Optional keys without a default are absent from the parsed default config.
    expect(Object.keys(schema.properties).sort()).toEqual(['$schema', 'uniqueSuffix', 'subscriptionId', 'referenceData', ...Object.keys(parsed.config)].sort());
    expect(schema.required.sort()).toEqual(['name', 'regions']);
    expect(schema.additionalProperties).toBe(false);
  });

  test('the fixtures point at it and pass', () => {
    const full = JSON.parse(readFileSync('test/fixtures/full.json', 'utf8'));
    expect(full.$schema).toBe('../../schema/deployment-config.schema.json');
    expect(parseDeploymentConfig(full, 'full.json').ok).toBe(true);
  });
});
