/**
 * Child process of durability.test.ts: a host-like loop that acknowledges each write on stdout only
 * after the engine returned (`ins <id>` for inserts, `tx <n>` for committed transactions). The test
 * kills it with SIGKILL mid-stream. Run: tsx host/db/crash-writer.ts <sqlite file>
 */
import { DatabaseEngine } from './engine';

const file = process.argv[2];
if (!file) throw new Error('usage: crash-writer <sqlite file>');
const engine = new DatabaseEngine({ file, collections: [{ name: 'acks', doc: 'crash test', indexes: [] }] });
engine.handle({
  action: 'database.insertDocument',
  collectionName: 'acks',
  data: ['{"_id":"counter","n":{"$numberInt":"0"}}'],
});

for (let i = 0; ; i++) {
  const r = engine.handle({
    action: 'database.insertDocument',
    collectionName: 'acks',
    data: [JSON.stringify({ _id: `d${i}`, i, pad: 'p'.repeat(200) })],
  });
  if (r.code) throw new Error(String(r.message));
  process.stdout.write(`ins d${i}\n`); // pipes are synchronous on Linux: the line is out when this returns
  if (i % 10 === 0) {
    const { transactionId } = engine.handle({ action: 'database.startTransaction' });
    const body = { collectionName: 'acks', transactionId, queryType: 'DOC', query: '{"_id":"counter"}' };
    engine.handle({
      action: 'database.modifyDocument',
      ...body,
      data: '{"$inc":{"n":{"$numberInt":"1"}}}',
      merge: true,
    });
    const c = engine.handle({ action: 'database.commitTransaction', transactionId });
    if (c.code) throw new Error(String(c.message));
    process.stdout.write(`tx ${i / 10 + 1}\n`);
  }
}
