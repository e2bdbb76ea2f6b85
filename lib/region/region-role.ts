/** The part a region plays in a multi-region deployment (seed: high availability and disaster recovery). */
export enum RegionRole {
  /** Takes the workload now. */
  PRIMARY = 'primary',
  /** Pre-created and ready; takes the workload after a switchover. */
  STANDBY = 'standby',
}
