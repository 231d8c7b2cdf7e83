namespace Bangfu.Components;

/// An organization as a picker holds it: enough to show the name without loading the record.
public sealed record OrganizationRef(int Id, string Name);
