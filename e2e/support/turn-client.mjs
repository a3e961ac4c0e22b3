// A minimal TURN client (RFC 5766 Allocate over UDP with long-term
// credentials, RFC 5389 framing) for asking coturn directly whether it
// accepts a username/password, without a browser in between.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';

const MAGIC_COOKIE = 0x2112a442;
const ALLOCATE_REQUEST = 0x0003;
const ALLOCATE_SUCCESS = 0x0103;
const ALLOCATE_ERROR = 0x0113;
const REFRESH_REQUEST = 0x0004;
const REFRESH_SUCCESS = 0x0104;
const CREATE_PERMISSION_REQUEST = 0x0008;
const CREATE_PERMISSION_SUCCESS = 0x0108;
const ATTR = {
  USERNAME: 0x0006,
  MESSAGE_INTEGRITY: 0x0008,
  ERROR_CODE: 0x0009,
  LIFETIME: 0x000d,
  REALM: 0x0014,
  NONCE: 0x0015,
  XOR_PEER_ADDRESS: 0x0012,
  XOR_RELAYED_ADDRESS: 0x0016,
  REQUESTED_TRANSPORT: 0x0019,
};

function attribute(type, value) {
  const padded = Buffer.alloc(4 + Math.ceil(value.length / 4) * 4);
  padded.writeUInt16BE(type, 0);
  padded.writeUInt16BE(value.length, 2);
  value.copy(padded, 4);
  return padded;
}

/** A request of `type`; with `auth`, signed with MESSAGE-INTEGRITY (key = MD5(user:realm:password)). */
function request(type, transactionId, attributes, auth) {
  const attrs = [...attributes];
  if (auth) {
    attrs.push(
      attribute(ATTR.USERNAME, Buffer.from(auth.username)),
      attribute(ATTR.REALM, Buffer.from(auth.realm)),
      attribute(ATTR.NONCE, Buffer.from(auth.nonce)),
    );
  }
  const body = Buffer.concat(attrs);
  const header = Buffer.alloc(20);
  header.writeUInt16BE(type, 0);
  header.writeUInt32BE(MAGIC_COOKIE, 4);
  transactionId.copy(header, 8);
  if (!auth) {
    header.writeUInt16BE(body.length, 2);
    return Buffer.concat([header, body]);
  }
  // The length covers the MESSAGE-INTEGRITY attribute (24 bytes) that the HMAC is computed before.
  header.writeUInt16BE(body.length + 24, 2);
  const key = createHash('md5').update(`${auth.username}:${auth.realm}:${auth.password}`).digest();
  const integrity = createHmac('sha1', key).update(Buffer.concat([header, body])).digest();
  return Buffer.concat([header, body, attribute(ATTR.MESSAGE_INTEGRITY, integrity)]);
}

function parse(message) {
  const type = message.readUInt16BE(0);
  const length = message.readUInt16BE(2);
  const attrs = new Map();
  for (let at = 20; at + 4 <= 20 + length; ) {
    const attrType = message.readUInt16BE(at);
    const attrLength = message.readUInt16BE(at + 2);
    attrs.set(attrType, message.subarray(at + 4, at + 4 + attrLength));
    at += 4 + Math.ceil(attrLength / 4) * 4;
  }
  const error = attrs.get(ATTR.ERROR_CODE);
  const relayed = attrs.get(ATTR.XOR_RELAYED_ADDRESS);
  return {
    type,
    transactionId: message.subarray(8, 20),
    realm: attrs.get(ATTR.REALM)?.toString(),
    nonce: attrs.get(ATTR.NONCE)?.toString(),
    errorCode: error ? (error[2] & 0x7) * 100 + error[3] : undefined,
    relayed: relayed
      ? {
          port: relayed.readUInt16BE(2) ^ (MAGIC_COOKIE >>> 16),
          address: [0, 1, 2, 3].map((i) => relayed[4 + i] ^ ((MAGIC_COOKIE >>> (24 - 8 * i)) & 0xff)).join('.'),
        }
      : undefined,
    lifetime: attrs.get(ATTR.LIFETIME)?.readUInt32BE(0),
  };
}

/** XOR-PEER-ADDRESS of an IPv4 peer (RFC 5766 §14.3; the port is irrelevant to a permission). */
function xorPeerAddress(address, port = 9) {
  const value = Buffer.alloc(8);
  value.writeUInt8(0x01, 1);
  value.writeUInt16BE(port ^ (MAGIC_COOKIE >>> 16), 2);
  address.split('.').forEach((octet, i) => value.writeUInt8(Number(octet) ^ ((MAGIC_COOKIE >>> (24 - 8 * i)) & 0xff), 4 + i));
  return attribute(ATTR.XOR_PEER_ADDRESS, value);
}

const allocateRequest = (transactionId, auth) =>
  request(ALLOCATE_REQUEST, transactionId, [attribute(ATTR.REQUESTED_TRANSPORT, Buffer.from([17, 0, 0, 0]))], auth);

/**
 * Asks the TURN server at `host:port` (UDP) for a relay with these
 * credentials, the way a browser does: an unauthenticated Allocate to learn
 * the realm and nonce, then a signed one. Resolves with `{ ok: true, relayed }`
 * or `{ ok: false, errorCode }` (401 for refused credentials).
 */
export async function turnAllocate(options) {
  const allocation = await openTurnAllocation(options);
  allocation.close();
  const { close: _close, refresh: _refresh, permit: _permit, ...outcome } = allocation;
  return outcome;
}

/**
 * Like {@link turnAllocate}, but keeps the allocation's socket open:
 * `refresh(lifetimeSeconds)` sends a signed Refresh with the same
 * credentials (as a browser does every few minutes), `permit(ipv4)` asks
 * for a permission to relay to that peer (CreatePermission: nothing is sent
 * to the peer itself), `close()` ends it.
 */
export function openTurnAllocation({ host, port, username, password, timeoutMs = 10_000 }) {
  const socket = createSocket('udp4');
  const exchange = (request) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No TURN answer from ${host}:${port} within ${timeoutMs} ms`)), timeoutMs);
      socket.once('message', (message) => {
        clearTimeout(timer);
        resolve(parse(message));
      });
      socket.send(request, port, host);
    });
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    socket.close();
  };
  return (async () => {
    try {
      const challenge = await exchange(allocateRequest(randomBytes(12)));
      if (challenge.type !== ALLOCATE_ERROR || challenge.errorCode !== 401 || !challenge.realm || !challenge.nonce) {
        throw new Error(`Expected a 401 challenge, got type 0x${challenge.type.toString(16)} code ${challenge.errorCode}`);
      }
      const auth = { username, password, realm: challenge.realm, nonce: challenge.nonce };
      const answer = await exchange(allocateRequest(randomBytes(12), auth));
      const refresh = async (lifetimeSeconds) => {
        const lifetime = Buffer.alloc(4);
        lifetime.writeUInt32BE(lifetimeSeconds, 0);
        const reply = await exchange(request(REFRESH_REQUEST, randomBytes(12), [attribute(ATTR.LIFETIME, lifetime)], auth));
        return reply.type === REFRESH_SUCCESS ? { ok: true, lifetime: reply.lifetime } : { ok: false, errorCode: reply.errorCode };
      };
      const permit = async (peer) => {
        const reply = await exchange(request(CREATE_PERMISSION_REQUEST, randomBytes(12), [xorPeerAddress(peer)], auth));
        return reply.type === CREATE_PERMISSION_SUCCESS ? { ok: true } : { ok: false, errorCode: reply.errorCode };
      };
      if (answer.type === ALLOCATE_SUCCESS) return { ok: true, relayed: answer.relayed, lifetime: answer.lifetime, refresh, permit, close };
      close();
      return { ok: false, errorCode: answer.errorCode, refresh, permit, close };
    } catch (error) {
      close();
      throw error;
    }
  })();
}
