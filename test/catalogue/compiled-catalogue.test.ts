import { describe, expect, test } from '@jest/globals';
import { compiledCataloguePath, readCompiledCatalogue } from '../../src/catalogue/compiled-catalogue.js';
import { defaultCatalogueDir, loadCatalogue } from '../../src/catalogue/load-catalogue.js';
import { createMatcher } from '../../src/matcher/create-matcher.js';

describe('the compiled catalogue (dist/catalogue.json, written by npm run build)', () => {
  test('is up to date with the YAML files and holds the same entries, which give the same matches', async () => {
    const dir = defaultCatalogueDir();
    const read = readCompiledCatalogue(compiledCataloguePath(dir), dir);
    expect('compiled' in read ? 'up to date' : read.reason).toBe('up to date');
    const compiled = await loadCatalogue();
    const yaml = await loadCatalogue(undefined, { compiled: false });
    expect(compiled.warnings).toEqual([]);
    expect(JSON.stringify(compiled.entries)).toBe(JSON.stringify(yaml.entries));
    const fromCompiled = createMatcher(compiled);
    const fromYaml = createMatcher(yaml);
    for (const entry of yaml.entries) {
      for (const example of entry.examples) {
        expect(fromCompiled.match(example).map((m) => [m.id, m.score])).toEqual(fromYaml.match(example).map((m) => [m.id, m.score]));
      }
    }
  });
});
