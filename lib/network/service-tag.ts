import type { AzureRegion } from '../catalog/azure-region';
import type { IPeer } from './peer';
import { invalid } from '../private/problems';

const TAG_PATTERN = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)?$/;

/**
 * An Azure service tag, usable as the peer of a network rule. Regional tags use Microsoft's published
 * casing, derived from the region's display name: `BatchNodeManagement.EastUS`, `Storage.SoutheastAsia`.
 */
export class ServiceTag implements IPeer {
  /** `Internet`: addresses outside the virtual network reachable through the public Internet. */
  public static readonly INTERNET = new ServiceTag('Internet');
  /** `VirtualNetwork`: the VNet, its peerings and connected on-premises ranges. */
  public static readonly VIRTUAL_NETWORK = new ServiceTag('VirtualNetwork');

  /** `BatchNodeManagement.<Region>`: the Batch service's node-management endpoints in `region`. */
  public static batchNodeManagement(region: AzureRegion): ServiceTag {
    return new ServiceTag(`BatchNodeManagement.${region.serviceTagSuffix}`);
  }

  /** `Storage.<Region>`: Azure Storage in `region`. */
  public static storage(region: AzureRegion): ServiceTag {
    return new ServiceTag(`Storage.${region.serviceTagSuffix}`);
  }

  /**
   * Any other tag by its exact name, e.g. `AzureContainerRegistry.EastUS`.
   * @throws when the name is not of the form `Name` or `Name.Suffix`.
   */
  public static of(name: string): ServiceTag {
    if (!TAG_PATTERN.test(name)) {
      invalid('ServiceTag.of', 'name', name, 'is not a service tag name; use the exact published name, e.g. "AzureContainerRegistry.EastUS"');
    }
    return new ServiceTag(name);
  }

  /** The tag's name, e.g. `BatchNodeManagement.EastUS`. */
  public readonly name: string;

  private constructor(name: string) {
    this.name = name;
  }

  /** The tag's name, which NSG rules take as their source or destination address prefix. */
  public get addressPrefix(): string {
    return this.name;
  }

  /** Whether the tag stands for every address: true for `Internet` only. */
  public get isAnyAddress(): boolean {
    return this.name === 'Internet';
  }

  /** The tag's name, e.g. `Storage.EastUS`. */
  public toString(): string {
    return this.name;
  }
}
