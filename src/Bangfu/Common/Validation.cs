using System.Text.RegularExpressions;

namespace Bangfu.Common;

/// Collects field errors while a request is checked; <see cref="ThrowIfAny"/> ends the check.
public sealed partial class Validation
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Errors => _errors;

    public Validation Add(string field, string messageKey, params object[] args)
    {
        _errors.Add(new FieldError(field, messageKey, args));
        return this;
    }

    public Validation Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            return Add(field, "Error.Required");
        if (value.Length > maxLength)
            return Add(field, "Error.TooLong", maxLength);
        return this;
    }

    public Validation Optional(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
            Add(field, "Error.TooLong", maxLength);
        return this;
    }

    public Validation Defined<TEnum>(string field, TEnum? value) where TEnum : struct, Enum
    {
        if (value is null)
            return Add(field, "Error.Required");
        if (!Enum.IsDefined(value.Value))
            Add(field, "Error.UnknownValue");
        return this;
    }

    public Validation RegionCode(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return Add(field, "Error.Required");
        if (!RegionCodePattern().IsMatch(value))
            Add(field, "Error.RegionCode");
        return this;
    }

    public Validation DateOrder(string laterField, DateOnly? earlier, DateOnly? later)
    {
        if (earlier is not null && later is not null && later < earlier)
            Add(laterField, "Error.EndBeforeStart");
        return this;
    }

    /// An error for each given date outside the dates the programme stores, so a request is refused before its dates
    /// are counted or stepped through.
    public Validation Dates(params (string Field, DateOnly? Date)[] dates)
    {
        foreach (var (field, date) in dates)
            if (date is { } d && StoredDates.Problem(d) is { } key)
                Add(field, key, StoredDates.RangeArgs);
        return this;
    }

    public Validation Positive(string field, int? value)
    {
        if (value is null)
            return Add(field, "Error.Required");
        if (value <= 0)
            Add(field, "Error.MustBePositive");
        return this;
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
            throw new RequestValidationException(_errors);
    }

    [GeneratedRegex("^[1-9][0-9]{5}$")]
    private static partial Regex RegionCodePattern();
}
