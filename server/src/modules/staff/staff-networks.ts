import net from 'node:net';
import type { Config } from '../../config.js';

const lists = new WeakMap<Config, net.BlockList | null>();

/** STAFF_ALLOWED_NETWORKS as a BlockList (used as an allow-list), built once per configuration; null when unset. */
function allowList(config: Config): net.BlockList | null {
  if (!lists.has(config)) {
    let list: net.BlockList | null = null;
    if (config.staffAllowedNetworks.length) {
      list = new net.BlockList();
      for (const entry of config.staffAllowedNetworks) {
        const [address, prefix] = entry.split('/');
        const family = net.isIPv4(address) ? 'ipv4' : 'ipv6';
        list.addSubnet(address, prefix === undefined ? (family === 'ipv4' ? 32 : 128) : Number(prefix), family);
      }
    }
    lists.set(config, list);
  }
  return lists.get(config)!;
}

/**
 * Whether the staff surface may be used from `ip` (staff.md "Staff authentication", Networks). Unset: from
 * anywhere. An IPv4 address seen as IPv4-mapped IPv6 (`::ffff:10.0.0.1`) counts as the IPv4 one.
 */
export function isAllowedStaffNetwork(config: Config, ip: string): boolean {
  const list = allowList(config);
  if (!list) return true;
  const address = ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  if (net.isIPv4(address)) return list.check(address, 'ipv4');
  if (net.isIPv6(address)) return list.check(address, 'ipv6');
  return false;
}
