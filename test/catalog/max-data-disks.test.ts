import { dataDiskLimitOf } from '../../lib/catalog/max-data-disks';
import { VmSize } from '../../lib/catalog/vm-size';

describe('dataDiskLimitOf', () => {
  /** Each size with its limit and series page. */
  const limitsOf = (names: readonly string[]) => names.map((name) => [name, dataDiskLimitOf(name)?.limit, dataDiskLimitOf(name)?.page]);

  test('finds a size in any case, and a constrained-vCPU size by the size it is cut from', () => {
    expect(dataDiskLimitOf('standard_d4s_v5')?.limit).toBe(dataDiskLimitOf('Standard_D4s_v5')?.limit);
    expect(dataDiskLimitOf('Standard_E32-8s_v5')?.limit).toBe(dataDiskLimitOf('Standard_E32s_v5')?.limit);
    expect(dataDiskLimitOf('Standard_E32-8s_v5')?.page).toBe('memory-optimized/esv5-series');
  });

  test('knows nothing of series it has not read, nor of sizes its series does not list', () => {
    expect([dataDiskLimitOf('Standard_M128ms'), dataDiskLimitOf('Standard_D3s_v5'), dataDiskLimitOf('Basic_A1'), VmSize.of('Standard_NG32ads_V620_v1').dataDisks]).toEqual([undefined, undefined, undefined, undefined]);
  });

  test('names the smallest size of the series that takes a count, and none past the largest', () => {
    const limit = dataDiskLimitOf('Standard_D2s_v6')!;
    expect([limit.sizeFor(1), limit.sizeFor(limit.limit + 1), limit.sizeFor(1000)]).toEqual(['Standard_D2s_v6', 'Standard_D4s_v6', undefined]);
  });

  test('knows the isolated and 192-vCPU sizes of its series, and the combined Ev3 and Esv3 page', () => {
    const pages = ['Standard_E104is_v5', 'Standard_E64is_v3', 'Standard_D192ds_v6', 'Standard_E4_v3'].map((name) => dataDiskLimitOf(name)?.page);
    expect(pages).toEqual(['memory-optimized/esv5-series', 'memory-optimized/ev3-esv3-series', 'general-purpose/ddsv6-series', 'memory-optimized/ev3-esv3-series']);
  });

  test('an AMD v6 size takes the disks of its v5 counterpart, not those of the Intel v6 size of as many vCPUs', () => {
    for (const [amd, v5, intel] of [['Standard_D2as_v6', 'Standard_D2as_v5', 'Standard_D2s_v6'], ['Standard_E16as_v6', 'Standard_E16s_v5', 'Standard_E16s_v6'], ['Standard_F4as_v6', 'Standard_D4as_v5', 'Standard_D4s_v6']]) {
      expect(dataDiskLimitOf(amd)?.limit).toBe(dataDiskLimitOf(v5)?.limit);
      expect(dataDiskLimitOf(amd)!.limit).toBeLessThan(dataDiskLimitOf(intel)!.limit);
    }
  });

  test('knows the common series without premium storage, and each isolated size by its own name', () => {
    const pages = ['Standard_D4_v3', 'Standard_E8_v5', 'Standard_D16d_v5', 'Standard_E104id_v5', 'Standard_E112iads_v5', 'Standard_E80ids_v4', 'Standard_E192ids_v6'].map((name) => dataDiskLimitOf(name)?.page);
    expect(pages).toEqual(['general-purpose/dv3-series', 'memory-optimized/ev5-series', 'general-purpose/ddv5-series', 'memory-optimized/edv5-series', 'memory-optimized/eadsv5-series', 'memory-optimized/edsv4-series', 'memory-optimized/edsv6-series']);
    expect(dataDiskLimitOf('Standard_E104id_v52')).toBeUndefined();
  });

  test('knows the HPC series by their full sizes, the ND series size by size, and Av2', () => {
    expect(limitsOf(['Standard_HB120-16rs_v2', 'Standard_HB368-48rs_v5', 'Standard_HC44-16rs', 'Standard_HX176-24rs', 'Standard_ND96isr_H100_v5', 'Standard_ND96isr_H200_v5', 'Standard_ND96isr_MI300X_v5', 'Standard_ND96asr_v4', 'Standard_A1_v2', 'Standard_A8m_v2'])).toEqual([
      ['Standard_HB120-16rs_v2', 8, 'high-performance-compute/hbv2-series'],
      ['Standard_HB368-48rs_v5', 32, 'high-performance-compute/hbv5-series'],
      ['Standard_HC44-16rs', 4, 'high-performance-compute/hc-series'],
      ['Standard_HX176-24rs', 32, 'high-performance-compute/hx-series'],
      ['Standard_ND96isr_H100_v5', 32, 'gpu-accelerated/ndh100v5-series'],
      ['Standard_ND96isr_H200_v5', 16, 'gpu-accelerated/nd-h200-v5-series'],
      ['Standard_ND96isr_MI300X_v5', 16, 'gpu-accelerated/ndmi300xv5-series'],
      ['Standard_ND96asr_v4', 32, 'gpu-accelerated/ndasra100v4-series'],
      ['Standard_A1_v2', 2, 'general-purpose/av2-series'],
      ['Standard_A8m_v2', 16, 'general-purpose/av2-series'],
    ]);
    // Dv2 sizes are numbered, not counted by vCPU (a Standard_D5_v2 has 16); a constrained DS11-1_v2 takes its DS11_v2's.
    expect(['Standard_D1_v2', 'Standard_D5_v2', 'Standard_D15_v2', 'Standard_DS11-1_v2', 'Standard_DS3_v2', 'Standard_DS2_v2_Promo'].map((name) => dataDiskLimitOf(name)?.limit)).toEqual([4, 64, 64, 8, 16, undefined]);
    expect(['Standard_NC128ds_xl_RTXPRO6000BSE_v6', 'Standard_NC320lds_xl_RTXPRO6000BSE_v6'].map((name) => dataDiskLimitOf(name)?.limit)).toEqual([16, 16]);
    // The misspelt constrained sizes of the HBv5 table are not names Azure takes.
    expect(dataDiskLimitOf('Standard_HB368_336rsv5')).toBeUndefined();
  });

  test('knows the Intel and AMD v4 series, the AMD ones to 96 vCPUs, the isolated Esv4 size, Lsv2, Lasv3, Ebdsv5 and Ebsv5', () => {
    expect(limitsOf(['Standard_D2a_v4', 'Standard_D96as_v4', 'Standard_E20_v4', 'Standard_E80is_v4', 'Standard_E8d_v4', 'Standard_E96a_v4', 'Standard_E64-16as_v4'])).toEqual([
      ['Standard_D2a_v4', 4, 'general-purpose/dav4-series'],
      ['Standard_D96as_v4', 32, 'general-purpose/dasv4-series'],
      ['Standard_E20_v4', 32, 'memory-optimized/ev4-series'],
      ['Standard_E80is_v4', 64, 'memory-optimized/esv4-series'],
      ['Standard_E8d_v4', 16, 'memory-optimized/edv4-series'],
      ['Standard_E96a_v4', 32, 'memory-optimized/eav4-series'],
      ['Standard_E64-16as_v4', 32, 'memory-optimized/easv4-series'],
    ]);
    expect(dataDiskLimitOf('Standard_D2a_v41')).toBeUndefined();
    expect(limitsOf(['Standard_L8s_v2', 'Standard_L80as_v3'])).toEqual([['Standard_L8s_v2', 16, 'storage-optimized/lsv2-series'], ['Standard_L80as_v3', 32, 'storage-optimized/lasv3-series']]);
    // The Intel v7 tables follow no pattern of v5 or v6; Edsv7 is not read.
    expect(['Standard_D2s_v7', 'Standard_D8s_v7', 'Standard_D372s_v7', 'Standard_D8ds_v7', 'Standard_E20s_v7', 'Standard_E372is_v7', 'Standard_E372s_v7', 'Standard_E8ds_v7'].map((name) => dataDiskLimitOf(name)?.limit))
      .toEqual([10, 26, 64, 26, 48, 64, undefined, undefined]);
    // Ebdsv5 and Ebsv5 by their SCSI tables; the NVMe-only E112i sizes are not listed.
    expect(limitsOf(['Standard_E2bds_v5', 'Standard_E96bs_v5', 'Standard_E112ibs_v5'])).toEqual([
      ['Standard_E2bds_v5', 4, 'memory-optimized/ebdsv5-ebsv5-series'], ['Standard_E96bs_v5', 32, 'memory-optimized/ebdsv5-ebsv5-series'], ['Standard_E112ibs_v5', undefined, undefined]]);
  });

  test('a VmSize carries its limit', () => {
    expect(VmSize.of('Standard_D8s_v5').dataDisks?.limit).toBe(dataDiskLimitOf('Standard_D8s_v5')?.limit);
  });
});
