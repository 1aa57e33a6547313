/**
 * Baseline for the throughput figure: a bare Express server reading the same items table on
 * the same store, with none of this project's middleware. Prints its URL once listening.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import express from 'express';
import { createDocumentClient } from '../../app/storage/dynamo-client';

const client = createDocumentClient({
  region: 'us-east-1',
  endpoint: process.env.DYNAMODB_ENDPOINT,
  connectTimeoutMs: 1000,
  timeoutMs: 2000,
  maxAttempts: 3,
});
const table = process.env.TABLE_NAME ?? 'items';

const app = express();
app.get('/v1/items/:id', async (req, res) => {
  const out = await client.send(new GetCommand({ TableName: table, Key: { id: req.params.id } }));
  if (!out.Item) {
    res.status(404).json({ error: 'not found' });
    return;
  }
  res.json(out.Item);
});

const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`listening on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
