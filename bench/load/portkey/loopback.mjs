// Preloaded with `node --import`: the Portkey gateway calls serve() without a hostname and so would listen on
// every interface. This makes any TCP server started without a host listen on 127.0.0.1 only.
import net from 'node:net';

const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first, second] = args;
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof second === 'function') {
      args.splice(1, 0, '127.0.0.1');
    } else if (second === undefined || second === null) {
      args[1] = '127.0.0.1';
    }
  } else if (first && typeof first === 'object' && first.path === undefined && first.host === undefined) {
    args[0] = { ...first, host: '127.0.0.1' };
  }

  return listen.apply(this, args);
};
