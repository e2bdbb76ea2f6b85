import { Ipv4Cidr } from '../private/cidr';
import { Token } from '../engine';
import { invalid, knownOnlyAtDeploy } from '../private/problems';

/** The other end of a network rule: a CIDR block, a service tag or any address. */
export interface IPeer {
  /** The value NSG rules take as source or destination address prefix. */
  readonly addressPrefix: string;
  /** Whether the peer stands for every address, the Internet included (`*`, `Internet`, `0.0.0.0/0`). */
  readonly isAnyAddress: boolean;
}

/** Factories for CIDR and wildcard peers. Service-tag peers come from {@link ServiceTag}. */
export class Peer {
  /**
   * An IPv4 block (`10.20.0.0/16`) or single address (`10.20.0.4`, taken as a /32).
   * @throws when the text is not a canonical IPv4 block.
   */
  public static ipv4(cidr: string): IPeer {
    if (Token.isUnresolved(cidr)) {
      invalid('Peer.ipv4', 'cidr', cidr, knownOnlyAtDeploy('the name of a rule, which is its Terraform address, is made from its peer at synth', 'give the block as a literal'));
    }
    const text = cidr.includes('/') ? cidr : `${cidr}/32`;
    const parsed = Ipv4Cidr.parse(text);
    if (typeof parsed === 'string') {
      invalid('Peer.ipv4', 'cidr', cidr, parsed);
    }
    return { addressPrefix: parsed.toString(), isAnyAddress: parsed.prefixLength === 0 };
  }

  /** Every address (`*`). Only deny rules and outbound rules may use it. */
  public static anyAddress(): IPeer {
    return { addressPrefix: '*', isAnyAddress: true };
  }

  private constructor() {}
}
