// The ceiling Switchboard is compared with: a bare node:http server that answers each benchmarked
// route with the exact status, headers and body bytes Switchboard returned for it (all headers but
// the date and those of the connection), and holds long polls until a publish for the push
// scenario. Routes arrive over IPC from bench/run.mjs (after each scenario's setup); the port
// goes back the same way.
import { createServer } from 'node:http';
import { Server as SocketServer } from 'socket.io';

/** @typedef {{ status: number, headers: Record<string, string | number>, body: Buffer }} Answer */
/** @type {Map<string, Answer>} */
const routes = new Map();
const notFound = Buffer.from('no such benchmark route\n');

// The push baseline: requests to `listen` are held; a request to `release` is answered with its
// own bytes, then every held request with the listen answer's bytes in the next turn of the event
// loop (as Switchboard answers a publish, then its held long polls). `GET /metrics` reports how
// many are held, under the gauge's name the push bench reads.
/** @type {{ listen: string, release: string, answer: Answer, released: Answer } | undefined} */
let push;
/** @type {Set<import('node:http').ServerResponse>} */
const held = new Set();
// The socket.io push baseline: a bare socket.io server on the same path; a client's `subscribe`
// joins one room and is acknowledged; a release also emits the captured event to that room.
/** @type {{ io: SocketServer, event: string, payload: unknown } | undefined} */
let socketPush;

/** @param {import('node:http').ServerResponse} res @param {Answer} answer */
function send(res, answer) {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

const server = createServer((req, res) => {
  const key = `${req.method} ${req.url}`;
  const route = routes.get(key);
  // Drain any request body first so keep-alive connections stay usable (as a framework would).
  req.resume();
  req.on('end', () => {
    if (push && key === push.listen) {
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    if (push && key === push.release) {
      send(res, push.released);
      const answer = push.answer;
      setImmediate(() => {
        for (const waiting of held) send(waiting, answer);
        held.clear();
        if (socketPush) socketPush.io.to('subscribers').emit(socketPush.event, socketPush.payload);
      });
      return;
    }
    if (push && key === 'GET /metrics') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`switchboard_config_long_poll_waiting ${held.size}\n`);
      return;
    }
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain', 'content-length': notFound.length });
      res.end(notFound);
      return;
    }
    res.writeHead(route.status, route.headers);
    res.end(route.body);
  });
});

/** A captured answer as bytes to send. @param {any} route @returns {Answer} */
function answerOf(route) {
  const bytes = Buffer.from(route.body, 'base64');
  /** @type {Record<string, string | number>} */
  const headers = { ...route.headers, 'content-length': bytes.length };
  if (route.contentType) headers['content-type'] = route.contentType;
  return { status: route.status, headers, body: bytes };
}

process.on('message', (/** @type {any} */ msg) => {
  if (msg?.type === 'route') routes.set(`${msg.route.method} ${msg.route.path}`, answerOf(msg.route));
  else if (msg?.type === 'push') push = { listen: `${msg.listen.method} ${msg.listen.path}`, release: `${msg.release.method} ${msg.release.path}`, answer: answerOf(msg.listen), released: answerOf(msg.release) };
  else if (msg?.type === 'socket-push') {
    if (!socketPush) {
      const io = new SocketServer(server, { path: msg.path, transports: ['websocket'] });
      io.on('connection', (socket) => {
        socket.on('subscribe', (/** @type {unknown} */ _topic, /** @type {(answer: unknown) => void} */ ack) => {
          void socket.join('subscribers');
          ack({ ok: true });
        });
      });
      socketPush = { io, event: msg.event, payload: msg.payload };
    } else Object.assign(socketPush, { event: msg.event, payload: msg.payload });
  } else return;
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
