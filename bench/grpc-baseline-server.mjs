// The ceiling Switchboard's Nacos gRPC transport is compared with: a bare @grpc/grpc-js server (the
// version Switchboard serves with) that answers `/Request/request` with the very Payload bytes
// Switchboard answered for a request of the same type, and opens connections as Switchboard does
// (ServerCheckRequest answered; a stream opened with ConnectionSetupRequest is sent
// SetupAckRequest), so the same client flow runs against both. Answers arrive over IPC from
// bench/grpc-bench.mjs, the port goes back the same way. Routing reads only the Payload's type
// (and, where one type has several answers, looks for a marker in the request's bytes).
//
// The push ceiling: connections that sent ConfigBatchListenRequest are remembered; when push is
// armed, a ConfigPublishRequest is answered, then the captured ConfigChangeNotifyRequest bytes
// are written to every listening connection's stream in the next turn of the event loop (as
// Switchboard answers a publish, then notifies). Responses arriving on set-up streams (the
// listeners' acks) are counted, not read.
import * as grpc from '@grpc/grpc-js';
import { payloadType } from './lib/grpc-wire.mjs';

const identity = (/** @type {Buffer} */ value) => value;
const REQUEST_SERVICE = {
  request: { path: '/Request/request', requestStream: false, responseStream: false, requestSerialize: identity, requestDeserialize: identity, responseSerialize: identity, responseDeserialize: identity },
};
const BI_STREAM_SERVICE = {
  requestBiStream: { path: '/BiRequestStream/requestBiStream', requestStream: true, responseStream: true, requestSerialize: identity, requestDeserialize: identity, responseSerialize: identity, responseDeserialize: identity },
};

/** @typedef {{ marker?: Buffer, answer: Buffer }} Route */
/** Answers by request type; the first route whose marker the request holds (or without one) answers. @type {Map<string, Route[]>} */
const routes = new Map();
/** The answer sent on a stream's ConnectionSetupRequest. @type {Buffer | undefined} */
let setupAck;
/** The push the next ConfigPublishRequest releases. @type {Buffer | undefined} */
let notify;
/** @type {Map<string, grpc.ServerDuplexStream<Buffer, Buffer>>} */
const streams = new Map();
/** Peers (one per HTTP/2 connection) that sent ConfigBatchListenRequest. @type {Set<string>} */
const listening = new Set();
/** Messages received on set-up streams: the listeners' acks. */
let acks = 0;
const unknown = { code: grpc.status.UNIMPLEMENTED, details: 'no benchmark answer for this request type' };

const server = new grpc.Server({ 'grpc.max_receive_message_length': 10 * 1024 * 1024, 'grpc.max_send_message_length': -1 });
server.addService(REQUEST_SERVICE, {
  request: (/** @type {grpc.ServerUnaryCall<Buffer, Buffer>} */ call, /** @type {grpc.sendUnaryData<Buffer>} */ callback) => {
    const request = call.request;
    const type = payloadType(request);
    const route = routes.get(type)?.find((r) => !r.marker || request.includes(r.marker));
    if (!route) return callback(unknown);
    callback(null, route.answer);
    if (type === 'ConfigBatchListenRequest') listening.add(call.getPeer());
    else if (type === 'ConfigPublishRequest' && notify) {
      const bytes = notify;
      setImmediate(() => {
        for (const peer of listening) streams.get(peer)?.write(bytes);
      });
    }
  },
});
server.addService(BI_STREAM_SERVICE, {
  requestBiStream: (/** @type {grpc.ServerDuplexStream<Buffer, Buffer>} */ call) => {
    const peer = call.getPeer();
    const closed = () => {
      if (streams.get(peer) === call) streams.delete(peer);
      listening.delete(peer);
    };
    call.on('data', (/** @type {Buffer} */ bytes) => {
      if (streams.get(peer) === call) {
        acks++;
        return;
      }
      if (payloadType(bytes) !== 'ConnectionSetupRequest') return;
      streams.set(peer, call);
      if (setupAck) call.write(setupAck);
    });
    call.on('end', () => {
      closed();
      call.end();
    });
    call.on('error', closed);
    call.on('close', closed);
  },
});

process.on('message', (/** @type {any} */ msg) => {
  if (msg?.type === 'route') routes.set(msg.requestType, msg.routes.map((/** @type {{ marker?: string, answer: string }} */ r) => ({ marker: r.marker ? Buffer.from(r.marker) : undefined, answer: Buffer.from(r.answer, 'base64') })));
  else if (msg?.type === 'setup-ack') setupAck = Buffer.from(msg.answer, 'base64');
  else if (msg?.type === 'push') notify = msg.notify ? Buffer.from(msg.notify, 'base64') : undefined;
  else if (msg?.type !== 'acks') return;
  process.send?.({ type: 'ack', acks });
});

// The parent going away (even by SIGKILL) closes the IPC channel: do not outlive it.
process.on('disconnect', () => process.exit(0));

server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) throw error;
  process.send?.({ type: 'listening', port });
});
