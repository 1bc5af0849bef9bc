import http from 'node:http';
import https from 'node:https';
import { SOCKET_ADDRESS_HEADER } from './client-address';

/**
 * Makes the TCP peer's address readable to pages, actions, route handlers and the proxy, which only see
 * headers: every request gets SOCKET_ADDRESS_HEADER set to `socket.remoteAddress`, overwriting any value
 * the client sent under that name. It wraps `emit` of Node's HTTP(S) server prototypes, because
 * `next start` owns the server and offers no hook on incoming requests; instrumentation.ts installs it
 * before Next handles the first request.
 */

const INSTALLED = Symbol.for('ouvidoria-digital.socket-address-stamp');

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
type Stampable = { emit: Emit; [INSTALLED]?: true };

/** Events whose first argument is the incoming request (`checkContinue` replaces `request` when listened to). */
const REQUEST_EVENTS = new Set<string | symbol>(['request', 'checkContinue', 'checkExpectation']);

export function installSocketAddressStamp(): void {
  for (const server of [http.Server, https.Server]) {
    const prototype = server.prototype as unknown as Stampable;
    if (prototype[INSTALLED]) continue;
    const emit = prototype.emit;
    prototype.emit = function stampedEmit(event, ...args) {
      const request = args[0];
      if (REQUEST_EVENTS.has(event) && request instanceof http.IncomingMessage) stamp(request);
      return emit.call(this, event, ...args);
    };
    prototype[INSTALLED] = true;
  }
}

function stamp(request: http.IncomingMessage): void {
  request.headers[SOCKET_ADDRESS_HEADER] = request.socket.remoteAddress ?? '';
}
