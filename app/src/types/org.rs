//! Organisation kinds and the partner classifications vendors filter by.

use serde::{Deserialize, Serialize};

string_enum!(
    /// The vendor itself, or one of its partner companies.
    OrgKind in org_kind { Vendor => ("vendor", vendor), Partner => ("partner", partner) }
);

string_enum!(
    PartnerType in partner_type {
        Reseller => ("reseller", reseller),
        Var => ("var", var),
        Msp => ("msp", msp),
        SystemIntegrator => ("system_integrator", system_integrator),
        Distributor => ("distributor", distributor),
        Isv => ("isv", isv),
    }
);

string_enum!(
    Tier in tier {
        Platinum => ("platinum", platinum),
        Gold => ("gold", gold),
        Silver => ("silver", silver),
        Registered => ("registered", registered),
    }
);

string_enum!(
    Region in region {
        NorthAmerica => ("na", na),
        Latam => ("latam", latam),
        Emea => ("emea", emea),
        Apac => ("apac", apac),
    }
);

string_enum!(
    /// What the partnership is about: selling, integrating or servicing.
    Segment in segment {
        Sales => ("sales", sales),
        Technology => ("technology", technology),
        Service => ("service", service),
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
