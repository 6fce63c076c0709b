import type { Request } from 'express';
import ipaddr from 'ipaddr.js';

/**
 * The key a per-client limit counts under. The address is `req.ip`, as for the chat proxy's per-IP limit: express
 * derives it from the socket, or from X-Forwarded-For only when the app's "trust proxy" setting
 * (SHOPMATE_TRUST_PROXY) says the proxy in front can be trusted. IPv4-mapped IPv6 addresses count as the IPv4 address,
 * and IPv6 addresses by their /64 network: one customer line or server usually gets a whole /64, so counting single
 * addresses would let one client rotate through billions of them.
 */
export function clientKey(req: Pick<Request, 'ip'>): string {
  return addressKey(req.ip);
}

export function addressKey(ip: string | undefined): string {
  if (!ip || !ipaddr.isValid(ip)) return ip || 'unknown';
  const parsed = ipaddr.parse(ip);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  return `${v6.parts.slice(0, 4).map((p) => p.toString(16)).join(':')}::/64`;
}
