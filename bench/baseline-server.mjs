// The ceiling Switchboard is compared with: a bare node:http server that answers each benchmarked
// route with the exact status, headers and body bytes Switchboard returned for it (all headers but
// the date and those of the connection). Routes
// arrive over IPC from bench/run.mjs (after each scenario's setup); the port goes back the same way.
import { createServer } from 'node:http';

/** @type {Map<string, { status: number, headers: Record<string, string | number>, body: Buffer }>} */
const routes = new Map();
const notFound = Buffer.from('no such benchmark route\n');

const server = createServer((req, res) => {
  const route = routes.get(`${req.method} ${req.url}`);
  // Drain any request body first so keep-alive connections stay usable (as a framework would).
  req.resume();
  req.on('end', () => {
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain', 'content-length': notFound.length });
      res.end(notFound);
      return;
    }
    res.writeHead(route.status, route.headers);
    res.end(route.body);
  });
});

process.on('message', (/** @type {any} */ msg) => {
  if (msg?.type !== 'route') return;
  const { method, path, status, contentType, headers: captured, body } = msg.route;
  const bytes = Buffer.from(body, 'base64');
  /** @type {Record<string, string | number>} */
  const headers = { ...captured, 'content-length': bytes.length };
  if (contentType) headers['content-type'] = contentType;
  routes.set(`${method} ${path}`, { status, headers, body: bytes });
  process.send?.({ type: 'ack' });
});

// The parent going away (even by SIGKILL) closes the IPC channel: do not outlive it.
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({
    type: 'listening',
    port: typeof address === 'object' && address ? address.port : 0,
  });
});
