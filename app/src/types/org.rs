//! Organisation kinds and the partner classifications vendors filter by.
//! Tiers and partner types are each program's own data (`types::tier`).

use serde::{Deserialize, Serialize};

string_enum!(
    /// The vendor itself, or one of its partner companies.
    OrgKind in org_kind { Vendor => ("vendor", vendor), Partner => ("partner", partner) }
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
        for s in Segment::ALL {
            assert_eq!(Segment::parse(s.as_str()), Some(*s));
        }
        assert_eq!(Region::parse("mars"), None);
    }
}
