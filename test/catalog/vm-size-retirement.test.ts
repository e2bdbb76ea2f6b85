import { VmSize } from '../../lib/catalog/vm-size';

const seriesOf = (name: string) => VmSize.of(name).retirement?.series;

describe('VmSize.retirement', () => {
  test('finds the series of its sizes, constrained-vCPU, promo and Basic sizes included', () => {
    expect(['Standard_E4-2s_v3', 'Standard_E64is_v3', 'Standard_D2_v2_Promo', 'Standard_DS11-1_v2', 'Basic_A1', 'Standard_A4', 'Standard_A2m_v2', 'Standard_B1ls', 'Standard_HC44-16rs', 'Standard_NC24r', 'Standard_DC2ads_cc_v5', 'Standard_M192idms_v2'].map(seriesOf)).toEqual([
      'Esv3-series', 'Esv3-series', 'Dv2-series', 'Dsv2-series', 'Av1-series', 'Av1-series', 'Av2/Amv2-series', 'B-series (V1)', 'HC-series', 'NC-series', 'DCas_cc_v5/DCads_cc_v5-series', 'Standard_M192i(d)(m)s_v2',
    ]);
  });

  test('leaves current series of the same families alone', () => {
    expect(['Standard_NC4as_T4_v3', 'Standard_ND40rs_v2', 'Standard_FX4mds', 'Standard_B2s_v2', 'Standard_F4as_v6', 'Standard_L8s_v3', 'Standard_M192is_v3', 'Standard_NV6ads_A10_v5', 'Standard_D4s_v5', 'Standard_HB120rs_v3'].map(seriesOf))
      .toEqual(Array(10).fill(undefined));
  });

  test('says which retirements are of the public cloud only, and which series Azure restricts', () => {
    const [dsv3, fsv2, ncv3] = ['Standard_D4s_v3', 'Standard_F4s_v2', 'Standard_NC6s_v3'].map((name) => VmSize.of(name).retirement!);
    expect([dsv3.publicCloudOnly, fsv2.publicCloudOnly, ncv3.publicCloudOnly]).toEqual([true, false, false]);
    expect([dsv3.capacityRestricted, fsv2.capacityRestricted, ncv3.capacityRestricted]).toEqual([true, true, false]);
  });
});
