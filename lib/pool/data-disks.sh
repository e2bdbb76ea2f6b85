#!/usr/bin/env bash
# Prepares the data disks of an Azure Batch node, idempotently. Run as root by the pool's start task.
#
#   data-disks.sh LUN:MOUNT_PATH:FILESYSTEM [...]        e.g. 0:/data/work:ext4 1:/data/scratch:xfs
#
# For each disk: wait for it to appear (at most ${DATA_DISK_WAIT_SECONDS:-300} seconds) in either layout Azure
# uses: ${DATA_DISK_DEVICE_DIR:-/dev/disk/azure/scsi1}/lun<N> on SCSI VM sizes (links made by the udev rules
# of WALinuxAgent), or ${DATA_DISK_NVME_DIR:-/dev/disk/azure/data/by-lun}/<N> on NVMe sizes, v6 and later
# (links made by azure-vm-utils; learn.microsoft.com "Azure VM utilities"); format it only when it carries no file system and no
# partition or other signature; mount it; keep exactly one entry for it in ${DATA_DISK_FSTAB:-/etc/fstab},
# by UUID, with nofail. Runs again (second run, reboot) change nothing. A missing LUN, a mount path
# held by another device, or a disk holding data it cannot mount stops the script with a message that
# names the LUN and a non-zero exit. Uses only what Ubuntu 22.04/24.04 and EL 8/9 images ship.
set -euo pipefail

scsi_dir=${DATA_DISK_DEVICE_DIR:-/dev/disk/azure/scsi1}
nvme_dir=${DATA_DISK_NVME_DIR:-/dev/disk/azure/data/by-lun}
fstab=${DATA_DISK_FSTAB:-/etc/fstab}
wait_seconds=${DATA_DISK_WAIT_SECONDS:-300}

log() { printf 'data-disks: %s\n' "$*"; }
fail() { printf 'data-disks: LUN %s: %s\n' "$1" "$2" >&2; exit 1; }

# The block device of LUN <N>, once either layout's link to it exists.
wait_for_device() {
  local lun=$1 link waited=0
  while :; do
    for link in "$scsi_dir/lun$lun" "$nvme_dir/$lun"; do
      if [ -b "$link" ]; then
        readlink -f "$link"
        return
      fi
    done
    if [ "$waited" -ge "$wait_seconds" ]; then
      fail "$lun" "no disk at $scsi_dir/lun$lun (SCSI) or $nvme_dir/$lun (NVMe) after ${wait_seconds}s; attach a data disk with LUN $lun to the pool or remove it from the start task"
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

# What the device holds, from a low-level probe that bypasses the blkid cache:
# "none", "fs <type>" for a file system, or "other <description>" for anything else.
probe() {
  local lun=$1 dev=$2 out rc=0 type pttype
  out=$(blkid -p -o export "$dev" 2>&1) || rc=$?
  if [ "$rc" -eq 2 ]; then
    # blkid found nothing; wipefs also sees signatures blkid does not report.
    if [ -n "$(wipefs --no-act --noheadings --output TYPE "$dev" 2>/dev/null)" ]; then
      echo "other signature $(wipefs --no-act --noheadings --output TYPE "$dev" | tr '\n' ' ')"
    else
      echo none
    fi
    return
  fi
  [ "$rc" -eq 0 ] || fail "$lun" "cannot probe $dev (blkid exit $rc: $out); refusing to touch it"
  type=$(printf '%s\n' "$out" | sed -n 's/^TYPE=//p')
  pttype=$(printf '%s\n' "$out" | sed -n 's/^PTTYPE=//p')
  if [ -n "$pttype" ]; then
    echo "other partition table $pttype"
  elif [ -n "$type" ]; then
    echo "fs $type"
  else
    echo "other signature $(printf '%s' "$out" | tr '\n' ' ')"
  fi
}

# Rewrites fstab so that it holds exactly one line for the disk: "UUID=<uuid> <mount> <fs> defaults,nofail 0 2".
# Lines of other disks are kept; a line giving the mount path to another device is a conflict.
ensure_fstab_entry() {
  local lun=$1 uuid=$2 mount_path=$3 fs=$4 line tmp
  line="UUID=$uuid $mount_path $fs defaults,nofail 0 2"
  touch "$fstab"
  local holder
  holder=$(awk -v mnt="$mount_path" -v spec="UUID=$uuid" '$1 !~ /^#/ && $2 == mnt && $1 != spec { print $1; exit }' "$fstab")
  [ -z "$holder" ] || fail "$lun" "$mount_path is given to $holder in $fstab; choose another mount path or remove that entry"
  if [ "$(grep -c -x -F -- "$line" "$fstab" || true)" -eq 1 ] &&
     [ "$(awk -v spec="UUID=$uuid" '$1 == spec' "$fstab" | wc -l)" -eq 1 ]; then
    return
  fi
  tmp=$(mktemp "$fstab.XXXXXX")
  awk -v spec="UUID=$uuid" '$1 != spec' "$fstab" > "$tmp"
  printf '%s\n' "$line" >> "$tmp"
  chmod 0644 "$tmp"
  mv -f "$tmp" "$fstab"
  log "LUN $lun: $fstab entry: $line"
}

prepare_disk() {
  local spec=$1 lun mount_path fs dev content mounted formatted=0
  IFS=: read -r lun mount_path fs <<< "$spec"
  case "$lun" in ''|*[!0-9]*) echo "data-disks: bad disk spec \"$spec\": expected LUN:MOUNT_PATH:FILESYSTEM" >&2; exit 2 ;; esac
  case "$mount_path" in /?*) ;; *) fail "$lun" "mount path \"$mount_path\" is not absolute" ;; esac
  case "$fs" in ext4|xfs) ;; *) fail "$lun" "file system \"$fs\" is not ext4 or xfs" ;; esac

  dev=$(wait_for_device "$lun")
  mounted=$(findmnt --noheadings --output SOURCE --mountpoint "$mount_path" 2>/dev/null || true)
  if [ -n "$mounted" ] && [ "$(readlink -f "$mounted")" != "$dev" ]; then
    fail "$lun" "$mount_path is already the mount point of $mounted, not of this disk ($dev); choose another mount path"
  fi

  content=$(probe "$lun" "$dev")
  case "$content" in
    none)
      log "LUN $lun: $dev is blank; creating $fs"
      if [ "$fs" = xfs ]; then mkfs.xfs -q "$dev" >&2 || fail "$lun" "mkfs.xfs failed on $dev"
      else mkfs.ext4 -q -F "$dev" >&2 || fail "$lun" "mkfs.ext4 failed on $dev"; fi
      formatted=1 ;;
    "fs ext4"|"fs xfs")
      if [ "${content#fs }" != "$fs" ]; then
        log "LUN $lun: $dev already holds ${content#fs }, not $fs; keeping it and its data"
        fs=${content#fs }
      fi ;;
    *)
      fail "$lun" "$dev holds data this script cannot mount (${content#other }); it formats only blank disks — wipe it (wipefs -a $dev) if its data is disposable" ;;
  esac

  local uuid
  uuid=$(blkid -p -s UUID -o value "$dev")
  [ -n "$uuid" ] || fail "$lun" "$dev has no file system UUID; cannot write a stable $fstab entry"
  ensure_fstab_entry "$lun" "$uuid" "$mount_path" "$fs"
  mkdir -p "$mount_path"
  if [ -z "$mounted" ]; then
    mount -t "$fs" "$dev" "$mount_path" || fail "$lun" "cannot mount $dev ($fs) at $mount_path"
    log "LUN $lun: mounted $dev at $mount_path"
  fi
  if [ "$formatted" -eq 1 ]; then
    # Tasks run as non-admin users by default: let them write, like /tmp.
    chmod 1777 "$mount_path"
  fi
}

[ "$#" -gt 0 ] || { echo "usage: data-disks.sh LUN:MOUNT_PATH:FILESYSTEM [...]" >&2; exit 2; }
for disk in "$@"; do
  prepare_disk "$disk"
done
log "ready: $*"
