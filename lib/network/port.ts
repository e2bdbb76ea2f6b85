import { Token } from '../engine';
import { invalid, knownOnlyAtDeploy } from '../private/problems';

/**
 * The protocol of a network rule. Values are the strings the NSG API takes ("Network security groups",
 * section "Security rules", learn.microsoft.com/azure/virtual-network/network-security-groups-overview).
 */
export enum Protocol {
  /** TCP; rules with it have a port range. */
  TCP = 'Tcp',
  /** UDP; rules with it have a port range. */
  UDP = 'Udp',
  /** ICMP (echo, destination unreachable and the other control messages), which has no ports. */
  ICMP = 'Icmp',
  /** IPsec Encapsulating Security Payload (IP protocol 50), which has no ports. */
  ESP = 'Esp',
  /** IPsec Authentication Header (IP protocol 51), which has no ports. */
  AH = 'Ah',
  /** Any protocol. */
  ANY = '*',
}

/** A protocol and a destination port range, e.g. TCP 443 or any protocol on 443. */
export class Port {
  /** TCP on one port. */
  public static tcp(port: number): Port {
    return new Port(Protocol.TCP, port, port);
  }

  /** TCP on an inclusive port range. */
  public static tcpRange(fromPort: number, toPort: number): Port {
    return new Port(Protocol.TCP, fromPort, toPort);
  }

  /** UDP on one port. */
  public static udp(port: number): Port {
    return new Port(Protocol.UDP, port, port);
  }

  /** UDP on an inclusive port range. */
  public static udpRange(fromPort: number, toPort: number): Port {
    return new Port(Protocol.UDP, fromPort, toPort);
  }

  /** Any protocol on one port, e.g. the simplified node-communication rule (443 over Any). */
  public static anyProtocol(port: number): Port {
    return new Port(Protocol.ANY, port, port);
  }

  /** Every protocol and port. */
  public static allTraffic(): Port {
    return new Port(Protocol.ANY);
  }

  /** The protocol. */
  public readonly protocol: Protocol;
  /** First port of the range; undefined for all ports. */
  public readonly fromPort?: number;
  /** Last port of the range; undefined for all ports. */
  public readonly toPort?: number;

  private constructor(protocol: Protocol, fromPort?: number, toPort?: number) {
    for (const port of [fromPort, toPort]) {
      if (port !== undefined && Token.isUnresolved(port)) {
        invalid('Port', 'port', port, knownOnlyAtDeploy('the name of a rule, which is its Terraform address, is made from its port at synth', 'give a number'));
      }
      if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
        invalid('Port', 'port', port, 'is not a port number; use an integer from 1 to 65535');
      }
    }
    if (fromPort !== undefined && toPort !== undefined && fromPort > toPort) {
      invalid('Port', 'toPort', toPort, `is below the first port ${fromPort}: the range runs backwards; give the lower port first (${toPort}-${fromPort})`);
    }
    this.protocol = protocol;
    this.fromPort = fromPort;
    this.toPort = toPort;
  }

  /** The NSG destination port range: `*`, `443` or `29876-29877`. */
  public get portRange(): string {
    if (this.fromPort === undefined || this.toPort === undefined) return '*';
    return this.fromPort === this.toPort ? `${this.fromPort}` : `${this.fromPort}-${this.toPort}`;
  }

  /** Protocol and ports in words for names and descriptions: `Tcp-443`, `Any-443`, `Any-All`. */
  public get label(): string {
    const protocol = this.protocol === Protocol.ANY ? 'Any' : this.protocol;
    return `${protocol}-${this.portRange === '*' ? 'All' : this.portRange}`;
  }

  /** Whether every packet this port matches is matched by this one as well. */
  public covers(other: Port): boolean {
    const protocolCovers = this.protocol === Protocol.ANY || this.protocol === other.protocol;
    if (this.fromPort === undefined || this.toPort === undefined) return protocolCovers;
    if (other.fromPort === undefined || other.toPort === undefined) return false;
    return protocolCovers && this.fromPort <= other.fromPort && other.toPort <= this.toPort;
  }
}
