// CI: after `npm run new:resource -- notes` on a scratch copy, the dev server (npm start)
// serves POST/GET/list/PUT/PATCH/DELETE on /v1/notes. Usage: node resource-crud.mjs <base> <token>
const [base, token] = process.argv.slice(2);
const auth = { Authorization: `Bearer ${token}` };
async function call(method, path, body, headers = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...auth, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  console.log(`${method} ${path} -> ${res.status}`);
  return {
    status: res.status,
    etag: res.headers.get('etag'),
    body: text ? JSON.parse(text) : undefined,
  };
}
function expect(what, actual, wanted) {
  if (actual !== wanted) throw new Error(`${what}: got ${actual}, expected ${wanted}`);
}
const created = await call('POST', '/v1/notes', { text: 'First' });
expect('create', created.status, 201);
const id = created.body.id;
expect('read', (await call('GET', `/v1/notes/${id}`)).status, 200);
const list = await call('GET', '/v1/notes?limit=10');
expect('list', list.status, 200);
expect(
  'listed',
  list.body.items.some((n) => n.id === id),
  true,
);
expect(
  'replace',
  (await call('PUT', `/v1/notes/${id}`, { text: 'Second' }, { 'If-Match': '"v1"' })).status,
  200,
);
const patched = await call(
  'PATCH',
  `/v1/notes/${id}`,
  { text: 'Third' },
  { 'Content-Type': 'application/merge-patch+json' },
);
expect('patch', patched.status, 200);
expect('patched text', patched.body.text, 'Third');
expect(
  'delete',
  (await call('DELETE', `/v1/notes/${id}`, undefined, { 'If-Match': '"v3"' })).status,
  204,
);
expect('gone', (await call('GET', `/v1/notes/${id}`)).status, 404);
console.log('notes: CRUD on the dev server works');
