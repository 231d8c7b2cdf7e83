namespace Bangfu.Common;

/// One change to a record: who, when, what. Written in the same transaction as the change.
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string UserName { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public required string Action { get; set; }
    public string? Changes { get; set; }
}
