//! Organisation kinds and the partner classifications vendors filter by.

use serde::{Deserialize, Serialize};

string_enum!(
    /// The vendor itself, or one of its partner companies.
    OrgKind { Vendor => ("vendor", "Vendor"), Partner => ("partner", "Partner") }
);

string_enum!(
    PartnerType {
        Reseller => ("reseller", "Reseller"),
        Var => ("var", "Value-added reseller"),
        Msp => ("msp", "Managed service provider"),
        SystemIntegrator => ("system_integrator", "System integrator"),
        Distributor => ("distributor", "Distributor"),
        Isv => ("isv", "ISV"),
    }
);

string_enum!(
    Tier {
        Platinum => ("platinum", "Platinum"),
        Gold => ("gold", "Gold"),
        Silver => ("silver", "Silver"),
        Registered => ("registered", "Registered"),
    }
);

string_enum!(
    Region {
        NorthAmerica => ("na", "North America"),
        Latam => ("latam", "Latin America"),
        Emea => ("emea", "EMEA"),
        Apac => ("apac", "Asia Pacific"),
    }
);

string_enum!(
    /// What the partnership is about: selling, integrating or servicing.
    Segment {
        Sales => ("sales", "Sales partner"),
        Technology => ("technology", "Technology partner"),
        Service => ("service", "Service partner"),
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for t in PartnerType::ALL {
            assert_eq!(PartnerType::parse(t.as_str()), Some(*t));
        }
        for t in Tier::ALL {
            assert_eq!(Tier::parse(t.as_str()), Some(*t));
        }
        assert_eq!(Region::parse("mars"), None);
    }
}
