using System.Text.Json;
using Bangfu.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Bangfu.Data;

/// The last check before anything is written: no stored text holds a control character (PostgreSQL refuses U+0000
/// and the DOCX and XLSX writers refuse most of the rest, so one bad name would break every report naming it), and
/// no stored date lies outside <see cref="StoredDates.Earliest"/>..<see cref="StoredDates.Latest"/> (date
/// arithmetic on reads near DateOnly's ends throws). Requests are checked field by field in the services; this net
/// catches the fields a service forgot, with the property's name as the field.
public static class StoredValueCheck
{
    /// Text columns this long are free text (notes, reasons, descriptions, minutes) and keep their line breaks and
    /// tabs; shorter ones are names, titles and codes, which are one line and also refuse invisible direction marks.
    public const int FreeTextLength = 500;

    public static void Run(ChangeTracker changes)
    {
        var errors = new List<FieldError>();
        foreach (var entry in changes.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
                continue;
            foreach (var property in entry.Properties)
            {
                if (entry.State == EntityState.Modified && !property.IsModified)
                    continue;
                if (Problem(property) is { } key)
                    errors.Add(new FieldError(JsonNamingPolicy.CamelCase.ConvertName(property.Metadata.Name), key, Args(key)));
            }
        }
        if (errors.Count > 0)
            throw new RequestValidationException(errors.DistinctBy(e => e.Field).ToList());
    }

    private static object[] Args(string key) =>
        key == StoredDates.OutOfRangeKey ? StoredDates.RangeArgs : [];

    private static string? Problem(PropertyEntry property) => property.CurrentValue switch
    {
        string text => StoredText.Problem(text, property.Metadata.GetMaxLength() is not { } max || max >= FreeTextLength),
        DateOnly date => StoredDates.Problem(date),
        DateTime time => StoredDates.Problem(DateOnly.FromDateTime(time)),
        DateTimeOffset instant => StoredDates.Problem(DateOnly.FromDateTime(instant.UtcDateTime)),
        _ => null,
    };
}
