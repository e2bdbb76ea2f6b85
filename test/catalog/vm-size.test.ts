import { CpuArchitecture, DiskController, VmSize } from '../../lib/catalog/vm-size';

describe('VmSize', () => {
  test('parses names by the naming conventions, including the documentation\'s examples', () => {
    expect(VmSize.of('Standard_D4ads_v5')).toMatchObject({ family: 'D', features: 'ads', accelerator: '', version: 5 });
    expect(VmSize.of('Standard_M8-2ms_v2')).toMatchObject({ family: 'M', features: 'ms', version: 2 });
    expect(VmSize.of('Standard_NC4as_T4_v3')).toMatchObject({ family: 'NC', features: 'as', accelerator: 'T4', version: 3 });
    expect(VmSize.of('Standard_M48ds_1_v3')).toMatchObject({ family: 'M', features: 'ds', accelerator: '1', version: 3 });
    expect(VmSize.of('Standard_F16s')).toMatchObject({ family: 'F', features: 's', version: 1 });
    expect(VmSize.of('Standard_DS2_v2_Promo')).toMatchObject({ family: 'DS', accelerator: '', version: 2, classified: false, promo: true });
    expect(VmSize.of('Standard_DS2_v2').promo).toBe(false);
  });

  test.each<[string, boolean | undefined, DiskController | undefined, boolean | undefined, boolean | undefined, boolean | undefined, boolean | undefined]>([
    // size, premium storage, disk controller, Azure Disk Encryption, trusted launch, Generation 2 images, Generation 1 images (not known unless given)
    ['Standard_D4s_v5', true, DiskController.SCSI, true, true, undefined, undefined],
    ['Standard_D4_v5', false, DiskController.SCSI, true, true, undefined, undefined],
    ['Standard_D4s_v6', true, DiskController.NVME, false, true, undefined, false],
    ['Standard_D16ads_v6', true, DiskController.NVME, false, true, undefined, false],
    ['Standard_E8bds_v5', true, DiskController.SCSI, true, true, undefined, undefined],
    ['Standard_F8as_v7', true, DiskController.NVME, false, true, undefined, undefined],
    // Trusted launch: the 2026 table says Dv2/Dv3 not supported, the 2023 one Dsv2/Dsv3 supported.
    ['Standard_DS3_v2', true, DiskController.SCSI, true, undefined, undefined, undefined],
    ['Standard_D2_v2', false, DiskController.SCSI, true, false, false, undefined],
    ['Standard_D11_v2', false, DiskController.SCSI, true, false, false, undefined],
    ['Standard_D4s_v3', true, DiskController.SCSI, true, undefined, undefined, undefined],
    ['Standard_D4_v3', false, DiskController.SCSI, true, false, false, undefined],
    ['Standard_E4_v3', false, DiskController.SCSI, true, false, false, undefined],
    ['Standard_E64i_v3', false, DiskController.SCSI, true, false, false, undefined],
    ['Standard_D4ps_v5', true, DiskController.SCSI, true, false, undefined, undefined],
    ['Standard_A4_v2', false, DiskController.SCSI, false, false, false, undefined],
    ['Standard_A8m_v2', false, DiskController.SCSI, false, false, false, undefined],
    ['Standard_L8s_v3', true, DiskController.SCSI, false, true, undefined, undefined],
    ['Standard_M64', undefined, DiskController.SCSI, true, false, undefined, undefined],
    ['Standard_B2ms', true, DiskController.SCSI, undefined, true, undefined, undefined],
    // "Generation 1 VMs: Not Supported" on the pages read; Fasv7 was not read for it.
    ['Standard_E8as_v6', true, DiskController.NVME, false, true, undefined, false],
    ['Standard_F4ams_v6', true, DiskController.NVME, false, true, undefined, false],
    ['Standard_D8alds_v6', true, DiskController.NVME, false, true, undefined, false],
    ['Standard_E8-4s_v7', true, DiskController.NVME, false, true, undefined, false],
  ])('%s: premium %s, %s disks, ADE %s, trusted launch %s, Generation 2 %s, Generation 1 %s', (name, premiumStorage, diskController, azureDiskEncryption, trustedLaunch, generation2, generation1) => {
    expect(VmSize.of(name).capabilities).toStrictEqual({ premiumStorage, diskController, azureDiskEncryption, trustedLaunch, generation2, generation1 });
  });

  test('Generation 1 images: not on the v6 and v7 series and the GPU and HPC series whose pages say so; not known elsewhere', () => {
    const of = (name: string) => VmSize.of(name).generation1;
    expect(['Standard_D4s_v6', 'Standard_E8ads_v6', 'Standard_ND96asr_v4', 'Standard_ND96isr_H100_v5', 'Standard_ND96isr_H200_v5', 'Standard_ND96isr_MI300X_v5', 'Standard_HX176rs', 'Standard_HX176-24rs'].map(of))
      .toEqual(Array(8).fill(false));
    expect(['Standard_D4s_v5', 'Standard_NC24ads_A100_v4', 'Standard_HB120rs_v3', 'Standard_D4ps_v6', 'Basic_A1'].map(of)).toEqual(Array(5).fill(undefined));
  });

  // Naming conventions, "Additive features": "p = ARM-based processor".
  test('the architecture is read from the name, for sizes not classified too; not known off the convention', () => {
    const of = (name: string) => VmSize.of(name).architecture;
    expect(['Standard_D4ps_v5', 'Standard_D4pds_v6', 'Standard_E8pls_v6', 'Standard_B2pts_v2'].map(of)).toEqual(Array(4).fill(CpuArchitecture.ARM64));
    expect(['Standard_D4s_v6', 'Standard_NC24ads_A100_v4', 'Standard_HB120rs_v3', 'Standard_NP10s'].map(of)).toEqual(Array(4).fill(CpuArchitecture.X64));
    expect(['Basic_A1', 'standard_d4ps_v5'].map(of)).toEqual([undefined, undefined]);
  });

  // Trusted Launch for Azure virtual machines, "Virtual machines sizes": the GPU and HPC rows.
  test('trusted launch is known for the GPU and HPC series Learn names, unclassified as they are', () => {
    const of = (name: string) => [name, VmSize.of(name).trustedLaunch];
    expect(['Standard_ND96asr_v4', 'Standard_ND96amsr_A100_v4', 'Standard_NC6', 'Standard_NP10s', 'Standard_NC24ads_A100_v4', 'Standard_ND96isr_H100_v5', 'Standard_NV36ads_A10_v5', 'Standard_HB120rs_v3', 'Standard_HC44rs', 'Standard_HX176rs', 'Standard_HB368rs_v5', 'Standard_NG32ads_V620_v1', 'Standard_D4s_v5', 'Standard_A4_v2'].map(of)).toEqual([
      ['Standard_ND96asr_v4', false], ['Standard_ND96amsr_A100_v4', false], ['Standard_NC6', false], ['Standard_NP10s', false],
      ['Standard_NC24ads_A100_v4', true], ['Standard_ND96isr_H100_v5', true], ['Standard_NV36ads_A10_v5', true], ['Standard_HB120rs_v3', true], ['Standard_HC44rs', true], ['Standard_HX176rs', true],
      ['Standard_HB368rs_v5', undefined], ['Standard_NG32ads_V620_v1', undefined], ['Standard_D4s_v5', true], ['Standard_A4_v2', false],
    ]);
  });

  // Install NVIDIA GPU drivers on N-series VMs running Linux: GRID on NCv6 RTX PRO 6000 BSE after "Ensure that secure boot and vTPM are disabled".
  test('the GRID-driver sizes are the NCv6 RTX PRO 6000 BSE ones', () => {
    expect(['Standard_NC128ds_xl_RTXPRO6000BSE_v6', 'Standard_NC320lds_xl_RTXPRO6000BSE_v6', 'Standard_NC24ads_A100_v4', 'Standard_NV36ads_A10_v5'].map((name) => VmSize.of(name).linuxGridDriver)).toEqual([true, true, false, false]);
  });

  test('GPU, HPC and confidential sizes, and names off the convention, are not classified', () => {
    for (const name of ['Standard_NC24ads_A100_v4', 'Standard_HB120rs_v3', 'Standard_DC4s_v3', 'Standard_ND96isr_H100_v5', 'Basic_A1', 'standard_d4s_v5', 'Standard_D4s_v5_Promo']) {
      expect([name, VmSize.of(name).classified]).toEqual([name, false]);
    }
  });
});
