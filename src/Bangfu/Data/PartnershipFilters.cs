namespace Bangfu.Data;

/// Names of the query filters on partnerships and their parties, so a query can lift one and keep the other.
public static class PartnershipFilters
{
    public const string SoftDelete = "SoftDelete";

    /// Only partnerships in force and their confirmed parties; lifted (IgnoreQueryFilters([InForce])) only where
    /// proposals themselves are read or answered, or where a rule must count every row naming a record.
    public const string InForce = "InForce";
}
