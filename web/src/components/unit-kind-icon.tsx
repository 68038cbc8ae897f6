import { BankOutlined, BuildOutlined, FlagOutlined, HomeOutlined, MedicineBoxOutlined, ReadOutlined, ShopOutlined, TeamOutlined, ApartmentOutlined, EnvironmentOutlined } from '@ant-design/icons';
import type { UnitKind } from '../api/types.ts';

/** A small icon per unit kind so the tree can be scanned without reading every name. */
export function UnitKindIcon({ kind }: { kind: UnitKind }) {
  switch (kind) {
    case 'party_committee':
      return <FlagOutlined className="unit-icon unit-icon-party" />;
    case 'government_organ':
      return <BankOutlined className="unit-icon" />;
    case 'township':
    case 'subdistrict':
      return <EnvironmentOutlined className="unit-icon" />;
    case 'village':
    case 'community':
      return <HomeOutlined className="unit-icon" />;
    case 'soe':
      return <BuildOutlined className="unit-icon" />;
    case 'school':
      return <ReadOutlined className="unit-icon" />;
    case 'hospital':
      return <MedicineBoxOutlined className="unit-icon" />;
    case 'new_economic_org':
      return <ShopOutlined className="unit-icon" />;
    case 'new_social_org':
      return <TeamOutlined className="unit-icon" />;
    default:
      return <ApartmentOutlined className="unit-icon" />;
  }
}
