#!/usr/bin/env bash
# Prepares the data disks of an Azure Batch node, idempotently. Run as root by the pool's start task.
#
#   data-disks.sh LUN:MOUNT_PATH:FILESYSTEM [...]        e.g. 0:/data/work:ext4 1:/data/scratch:xfs
#
# For each disk: wait for it to appear (at most ${DATA_DISK_WAIT_SECONDS:-300} seconds) in either layout Azure
# uses: ${DATA_DISK_DEVICE_DIR:-/dev/disk/azure/scsi1}/lun<N> on SCSI VM sizes (links made by the udev rules
# of WALinuxAgent), or ${DATA_DISK_NVME_DIR:-/dev/disk/azure/data/by-lun}/<N> on NVMe sizes, v6 and later
# (links made by azure-vm-utils; learn.microsoft.com "Azure VM utilities"). Format it only when it is
# provably blank: no signature blkid or wipefs knows, and zeros wherever file systems and partition
# tables keep signatures or backups (the first and last 2 MiB, ext backup superblocks, XFS allocation
# group starts), as on a fresh Azure disk. Mount it; keep exactly one entry for it in
# ${DATA_DISK_FSTAB:-/etc/fstab} (a symlink is written through), by UUID, with nofail; open the root of a
# disk it formatted to every user (mode 1777).
#
# Every step can be interrupted (Batch retries the start task; nodes reboot) and is completed by the next
# run: ${DATA_DISK_STATE_DIR:-/var/lib/cdktf-azure-batch/data-disks}/lun<N> records "formatting" before
# mkfs, "formatted <uuid>" after it and "prepared <uuid>" once mounted and opened, so a format this script
# started is finished (only while the record says so, for a disk of the recorded size), and one it
# finished is mounted and opened. Later runs change nothing. A missing LUN, a mount path held by another
# device or that is not a directory, or a disk holding data it cannot mount stops the script with a
# message naming the LUN and a non-zero exit. Uses only what Ubuntu 22.04/24.04 and EL 8/9 images ship.
set -euo pipefail

scsi_dir=${DATA_DISK_DEVICE_DIR:-/dev/disk/azure/scsi1}
nvme_dir=${DATA_DISK_NVME_DIR:-/dev/disk/azure/data/by-lun}
fstab_path=${DATA_DISK_FSTAB:-/etc/fstab}
wait_seconds=${DATA_DISK_WAIT_SECONDS:-300}
state_dir=${DATA_DISK_STATE_DIR:-/var/lib/cdktf-azure-batch/data-disks}

log() { printf 'data-disks: %s\n' "$*"; }
fail() { printf 'data-disks: LUN %s: %s\n' "$1" "$2" >&2; exit 1; }

# The block device of LUN <N>, once either layout's link to it exists; checked every 0.2 s (GNU sleep takes fractions).
wait_for_device() {
  local lun=$1 link polls=0
  while :; do
    for link in "$scsi_dir/lun$lun" "$nvme_dir/$lun"; do
      if [ -b "$link" ]; then
        readlink -f "$link"
        return
      fi
    done
    if [ "$polls" -ge $((wait_seconds * 5)) ]; then
      fail "$lun" "no disk at $scsi_dir/lun$lun (SCSI) or $nvme_dir/$lun (NVMe) after ${wait_seconds}s; attach a data disk with LUN $lun to the pool or remove it from the start task"
    fi
    # Said once, on stderr: stdout carries the device.
    [ "$polls" -gt 0 ] || log "LUN $lun: waiting up to ${wait_seconds}s for the disk to appear" >&2
    sleep 0.2
    polls=$((polls + 1))
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

# Prints COUNT bytes of DEV from OFFSET (both multiples of 1024), cut at SIZE (past the end is nothing),
# or an "E" where a read fails: a read error counts as data, since only bytes read and found zero prove
# a region blank.
read_region() {
  local dev=$1 offset=$2 count=$3 size=$4
  [ "$offset" -lt "$size" ] || return 0
  [ $((offset + count)) -le "$size" ] || count=$((size - offset))
  dd if="$dev" bs=1024 skip=$((offset / 1024)) count=$((count / 1024)) 2>/dev/null || printf E
}

# Whether COUNT bytes of DEV from OFFSET are all zero (see read_region).
zeros_at() {
  [ "$(read_region "$@" | tr -d '\000' | head -c 1 | wc -c)" -eq 0 ]
}

# The regions of a disk of SIZE bytes where file systems and partition tables keep their signatures and
# backups, as "KIND OFFSET COUNT" lines, without repeats: the edges first (KIND 1), then the superblock
# copies (KIND 2), each by offset. The first and last 2 MiB hold MBR/GPT (and the GPT backup), LVM, MD
# and file-system superblocks; ext keeps backup superblocks in block groups 1, 3, 5, 7, 9, 25, 27, 49
# and 81 (8 x block size blocks each, for 1, 2 and 4 KiB blocks); XFS keeps one at the start of every
# allocation group: mkfs.xfs makes 4 of ceil(blocks / 4) 4 KiB blocks below 4 TiB, and groups of its
# largest size, 2^28 - 1 blocks, from there on; other counts (2 to 64, floor and ceiling) are listed too.
signature_regions() {
  local size=$1 offset block group parts part ag_blocks
  for offset in 0 $((size > 2097152 ? size - 2097152 : 0)); do
    echo "1 $offset 2097152"
  done
  for block in 1024 2048 4096; do
    for group in 1 3 5 7 9 25 27 49 81; do
      echo "2 $((group * 8 * block * block + (block == 1024 ? 1024 : 0))) 1024"
    done
  done
  for parts in 2 3 4 5 6 8 16 32 64; do
    for ag_blocks in $(( size / 4096 / parts )) $(( (size / 4096 + parts - 1) / parts )); do
      for ((part = 1; part < parts; part++)); do
        echo "2 $(( ag_blocks * part * 4096 )) 4096"
      done
    done
  done
  for ((part = 1; part <= size / 4096 / 268435455; part++)); do
    echo "2 $(( 268435455 * part * 4096 )) 4096"
  done
}

backup_found() {
  fail "$1" "$2 holds data at byte $3, where ext and XFS keep superblock copies, though no file system is found; it formats only blank disks — recover it (e2fsck -b, xfs_repair) or wipe it only if its data is disposable"
}

# Fails unless DEV is provably blank: zeros in every signature region. All regions are read in one
# pipeline; only when it finds data are they read one by one, to name where.
require_blank() {
  local lun=$1 dev=$2 size=$3 regions found kind offset count
  regions=$(signature_regions "$size" | awk -v size="$size" '$2 < size' | sort -k1,1n -k2,2n -k3,3n -u)
  # Blank only on a count of exactly "0": anything else, a failure of the count itself included, reads
  # region by region below.
  found=$(printf '%s\n' "$regions" | while read -r kind offset count; do read_region "$dev" "$offset" "$count" "$size"; done |
    tr -d '\000' | head -c 1 | wc -c) || found=error
  [ "$found" != 0 ] || return 0
  while read -r kind offset count; do
    zeros_at "$dev" "$offset" "$count" "$size" && continue
    if [ "$kind" -eq 1 ]; then
      fail "$lun" "$dev has no signature blkid knows, but holds data near byte $offset (a damaged file system or partition table?); it formats only blank disks — check it, and wipe it (wipefs -a $dev; dd zeros over its first and last 2 MiB) only if its data is disposable"
    fi
    backup_found "$lun" "$dev" "$offset"
  done <<< "$regions"
  fail "$lun" "$dev read as holding data once and as blank when read again; it formats only disks that read as blank — check the disk and run the start task again"
}

# The state this script recorded for LUN N ("" when none).
state_of() { cat "$state_dir/lun$1" 2>/dev/null || true; }

# Records STATE for LUN N, atomically.
record() {
  mkdir -p "$state_dir"
  printf '%s\n' "$2" > "$state_dir/lun$1.tmp"
  mv -f "$state_dir/lun$1.tmp" "$state_dir/lun$1"
  # On disk before the step it records: a host crash must not leave an older record behind. The record
  # and its folder (which holds the rename) are flushed, not every file system of the node: GNU sync
  # given files fsyncs each (coreutils manual, "sync invocation"). File arguments need coreutils 8.24
  # or later (its NEWS); Ubuntu 22.04 ships 8.32 and EL 8 ships 8.30, by their package lists, which
  # were not checked from this repository.
  sync -- "$state_dir/lun$1" "$state_dir"
}

# Whether DEV holds a file system with files in it: mounted read-only, without replaying its journal
# (what a crashed node's disk may need), somewhere private. An unfinished format does not mount.
holds_files() {
  local dev=$1 fs=$2 probe_dir options entries
  probe_dir=$(mktemp -d)
  if [ "$fs" = xfs ]; then options=ro,norecovery; else options=ro,noload; fi
  if ! mount -t "$fs" -o "$options" "$dev" "$probe_dir" 2>/dev/null; then
    rmdir "$probe_dir"
    return 1
  fi
  entries=$(find "$probe_dir" -mindepth 1 -maxdepth 1 ! -name lost+found | head -n 1)
  umount "$probe_dir"
  rmdir "$probe_dir"
  [ -n "$entries" ]
}

# Rewrites fstab so that it holds exactly one line for the disk: "UUID=<uuid> <mount> <fs> defaults,nofail 0 2".
# Lines of other disks are kept; a line giving the mount path to another device is a conflict.
ensure_fstab_entry() {
  local lun=$1 uuid=$2 mount_path=$3 fs=$4 line tmp fstab
  line="UUID=$uuid $mount_path $fs defaults,nofail 0 2"
  # A symlinked fstab is written through, so the link stays a link.
  fstab=$(readlink -f "$fstab_path")
  touch "$fstab"
  local holder
  # Mount points compare without trailing slashes: "/data/work/" is "/data/work".
  holder=$(awk -v mnt="$mount_path" -v spec="UUID=$uuid" '$1 !~ /^#/ { p = $2; sub(/\/+$/, "", p); if (p == "") p = "/" } $1 !~ /^#/ && p == mnt && $1 != spec { print $1; exit }' "$fstab")
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
  sync -- "$fstab" "$(dirname "$fstab")"
  log "LUN $lun: $fstab entry: $line"
}

prepare_disk() {
  local spec=$1 lun mount_path fs dev content mounted size uuid
  IFS=: read -r lun mount_path fs <<< "$spec"
  case "$lun" in ''|*[!0-9]*) echo "data-disks: LUN ${lun:-?}: bad disk spec \"$spec\": expected LUN:MOUNT_PATH:FILESYSTEM" >&2; exit 2 ;; esac
  case "$mount_path" in /?*) ;; *) fail "$lun" "mount path \"$mount_path\" is not absolute" ;; esac
  case "$fs" in ext4|xfs) ;; *) fail "$lun" "file system \"$fs\" is not ext4 or xfs" ;; esac
  if [ -e "$mount_path" ] && [ ! -d "$mount_path" ]; then
    fail "$lun" "$mount_path exists and is not a directory; choose another mount path or remove it"
  fi

  dev=$(wait_for_device "$lun")
  mounted=$(findmnt --noheadings --output SOURCE --mountpoint "$mount_path" 2>/dev/null || true)
  if [ -n "$mounted" ] && [ "$(readlink -f "$mounted")" != "$dev" ]; then
    fail "$lun" "$mount_path is already the mount point of $mounted, not of this disk ($dev); choose another mount path"
  fi
  size=$(blockdev --getsize64 "$dev") || fail "$lun" "cannot read the size of $dev"

  if [ -z "$mounted" ] && [ "$(state_of "$lun")" = "formatting $size $fs" ]; then
    # A format this script started on this disk and never finished: its data is this script's own —
    # unless it holds files, which only a finished format that the record missed can.
    if holds_files "$dev" "$fs"; then
      fail "$lun" "$dev holds files, though the record in $state_dir says its format never finished; it formats only blank disks — check it, and remove $state_dir/lun$lun if its data is to be kept as it is"
    fi
    log "LUN $lun: finishing the $fs format of $dev that an earlier run started"
    content=ours
  else
    content=$(probe "$lun" "$dev")
  fi
  case "$content" in
    none|ours)
      if [ "$content" = none ]; then
        require_blank "$lun" "$dev" "$size"
        log "LUN $lun: $dev is blank; creating $fs"
      fi
      record "$lun" "formatting $size $fs"
      if [ "$fs" = xfs ]; then mkfs.xfs -q -f "$dev" >&2 || fail "$lun" "mkfs.xfs failed on $dev"
      else mkfs.ext4 -q -F "$dev" >&2 || fail "$lun" "mkfs.ext4 failed on $dev"; fi
      uuid=$(blkid -p -s UUID -o value "$dev")
      [ -n "$uuid" ] || fail "$lun" "$dev has no file system UUID after mkfs; cannot write a stable fstab entry"
      record "$lun" "formatted $uuid" ;;
    "fs ext4"|"fs xfs")
      if [ "${content#fs }" != "$fs" ]; then
        log "LUN $lun: $dev already holds ${content#fs }, not $fs; keeping it and its data"
        fs=${content#fs }
      fi ;;
    *)
      fail "$lun" "$dev holds data this script cannot mount (${content#other }); it formats only blank disks — wipe it (wipefs -a $dev) if its data is disposable" ;;
  esac

  uuid=$(blkid -p -s UUID -o value "$dev")
  [ -n "$uuid" ] || fail "$lun" "$dev has no file system UUID; cannot write a stable fstab entry"
  ensure_fstab_entry "$lun" "$uuid" "$mount_path" "$fs"
  mkdir -p "$mount_path"
  if [ -z "$mounted" ]; then
    mount -t "$fs" "$dev" "$mount_path" || fail "$lun" "cannot mount $dev ($fs) at $mount_path"
    log "LUN $lun: mounted $dev at $mount_path"
  fi
  if [ "$(state_of "$lun")" = "formatted $uuid" ]; then
    # Tasks run as non-admin users by default: let them write, like /tmp. Done once per disk this
    # script formatted, in whichever run gets here first.
    chmod 1777 "$mount_path" || fail "$lun" "cannot open $mount_path to every user"
    record "$lun" "prepared $uuid"
  fi
}

[ "$#" -gt 0 ] || { echo "usage: data-disks.sh LUN:MOUNT_PATH:FILESYSTEM [...]" >&2; exit 2; }
for disk in "$@"; do
  prepare_disk "$disk"
done
log "ready: $*"
