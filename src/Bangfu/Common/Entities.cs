namespace Bangfu.Common;

/// Records that users edit concurrently carry a version; an update must name the version it read.
public interface IVersioned
{
    int Version { get; set; }
}

/// Records that are never physically deleted: deletion stamps them and they vanish from queries.
public interface ISoftDeletable
{
    DateTimeOffset? DeletedAt { get; set; }
    string? DeletedBy { get; set; }
}

/// A record that belongs to one partnership and is seen by whoever sees the partnership.
public interface IPartnershipRecord
{
    int PartnershipId { get; }
}

public static class VersionCheck
{
    public static void Ensure(IVersioned entity, int? expected)
    {
        // A missing version is a client error, not somebody else's edit.
        if (expected is null)
            throw new RequestValidationException([new FieldError("version", "Error.Required")]);
        if (entity.Version != expected)
            throw new ConcurrencyConflictException();
    }
}
