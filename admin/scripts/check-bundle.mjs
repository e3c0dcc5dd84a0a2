// Fails when the committed bundle (src/main/resources/admin) is not what the sources
// build: builds into a temporary folder and compares every file, byte for byte. Prints
// the bundle's size, plain and gzipped. Run with `npm run check-bundle` after `npm ci`.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const here = resolve(import.meta.dirname, '..');
const committed = resolve(here, '../src/main/resources/admin');
const fresh = mkdtempSync(join(tmpdir(), 'flarekit-admin-'));

function files(root) {
  const found = new Map();
  const walk = (folder) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else found.set(relative(root, path), readFileSync(path));
    }
  };
  walk(root);
  return found;
}

try {
  await build({ root: here, logLevel: 'warn', build: { outDir: fresh, emptyOutDir: true } });
  const built = files(fresh);
  const stored = files(committed);
  const problems = [];
  for (const [name, bytes] of built) {
    if (!stored.has(name)) problems.push(`missing from the commit: ${name}`);
    else if (!stored.get(name).equals(bytes)) problems.push(`differs from what the sources build: ${name}`);
  }
  for (const name of stored.keys()) {
    if (!built.has(name)) problems.push(`not built from the sources: ${name}`);
  }
  let plain = 0;
  let gzipped = 0;
  for (const [name, bytes] of built) {
    const zipped = gzipSync(bytes, { level: 9 }).length;
    plain += bytes.length;
    gzipped += zipped;
    console.log(`${name}: ${(bytes.length / 1024).toFixed(1)} KiB, gzip ${(zipped / 1024).toFixed(1)} KiB`);
  }
  console.log(`bundle: ${(plain / 1024).toFixed(1)} KiB, gzip ${(gzipped / 1024).toFixed(1)} KiB`);
  if (problems.length) {
    console.error(`The committed admin bundle is stale:\n  ${problems.join('\n  ')}\n`
      + 'Rebuild it with `npm run build` in admin/ and commit src/main/resources/admin.');
    process.exitCode = 1;
  } else {
    console.log('The committed admin bundle is what its sources build.');
  }
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
