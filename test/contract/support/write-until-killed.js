/**
 * Child process for the embedded store's crash test: opens the store in the given directory and writes without
 * end, from several concurrent writers, printing "acked <id>" as each write is acknowledged, until the parent kills
 * it with SIGKILL. The store is never closed. TypeScript sources are compiled on the fly with swc (as jest does).
 */
'use strict';
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

const { openEmbeddedStore } = require('../../../resources/storage/embedded/embedded-store');

async function main() {
  const [dir, durability] = process.argv.slice(2);
  const store = await openEmbeddedStore({ dir, durability });
  await store.ensureIndexes('crash', [{ name: 'writer_n', keys: [['writer', 1], ['n', 1]] }]);
  process.stdout.write('ready\n');
  const writer = async (w) => {
    for (let n = 0; ; n++) {
      const id = `w${w}-${n}`;
      if (n % 2 === 0) {
        await store.collection('crash').insertOne({ _id: id, writer: w, n });
      } else {
        await store.withTransaction(async (session) => {
          await session.collection('crash').insertOne({ _id: id, writer: w, n });
          await session.collection('crash_log').insertOne({ _id: id });
        });
      }
      // Writes to a pipe are synchronous on Linux, so the parent has the line before the next write starts.
      process.stdout.write(`acked ${id}\n`);
    }
  };
  await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(writer));
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
