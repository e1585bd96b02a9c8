import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The suite runs on the Node that package.json's engines ask for. npm scripts (`npm test`, and
 * `npx jest`) put node_modules/.bin first on PATH, where the `node` devDependency puts Node 24; a
 * suite that silently ran on the machine's older Node fails here.
 */
describe('the Node running the tests', () => {
  it("meets package.json's engines.node", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
      engines: { node: string };
    };
    const minimum = /^>=(\d+)$/.exec(pkg.engines.node)?.[1];
    expect(minimum).toBeDefined();
    const major = Number(process.versions.node.split('.')[0]);
    expect(Number(minimum)).toBeGreaterThanOrEqual(22);
    expect(major).toBeGreaterThanOrEqual(Number(minimum));
  });
});
