using Microsoft.EntityFrameworkCore;

namespace Bangfu.Common;

/// A business rule that the current state of the data forbids (answered 409).
public sealed class DomainRuleException(string messageKey, params object[] args) : Exception(messageKey)
{
    public string MessageKey { get; } = messageKey;
    public object[] Args { get; } = args;
}

/// The caller sent a version that is no longer current (answered 409).
public sealed class ConcurrencyConflictException() : Exception("Concurrency conflict");

/// A unique index refused a row because a concurrent caller stored the same one first (answered 409 unless the
/// service turns it into its own rule's message). Still a DbUpdateException, so that existing handlers keep working.
public sealed class DuplicateRecordException(DbUpdateException e)
    : DbUpdateException("A unique index refused the row.", e.InnerException, e.Entries);

/// The caller may see the record but not change it (answered 403).
public sealed class AccessDeniedException(string messageKey = "Error.Forbidden") : Exception(messageKey)
{
    public string MessageKey { get; } = messageKey;
}

/// Field-level errors in a request (answered 400). Keys are JSON field paths, values are message keys.
public sealed class RequestValidationException(IReadOnlyList<FieldError> errors) : Exception("Invalid request")
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

public sealed record FieldError(string Field, string MessageKey, params object[] Args);
