using System.Globalization;
using Bangfu.Common;

namespace Bangfu.Features.Ledgers;

/// The sheets a ledger workbook may hold, in the order they appear.
public enum LedgerKind
{
    Dispatch,
    Activity,
    Technique,
    Trainee,
    Indicator,
}

/// A ledger request as it arrives: dates and lists are parsed here, so that bad input is a field error and not a
/// binding failure.
public sealed record LedgerQuery(int? PartnershipId, int? OrganizationId, string? RegionCode, string? From, string? To,
    string? Format = null, string? Ledgers = null)
{
    public static readonly IReadOnlyList<LedgerKind> AllKinds = Enum.GetValues<LedgerKind>();

    /// Checks the request alone (400 with field errors) and returns what it asks for.
    public ValidLedgerQuery Validate()
    {
        var v = new Validation();
        var given = new List<string>();
        if (PartnershipId is not null)
            given.Add("partnershipId");
        if (OrganizationId is not null)
            given.Add("organizationId");
        if (RegionCode is not null)
            given.Add("regionCode");
        if (given.Count == 0)
            v.Add("partnershipId", "Ledgers.Error.OneScope");
        else if (given.Count > 1)
            foreach (var field in given)
                v.Add(field, "Ledgers.Error.OneScope");
        else if (RegionCode is not null)
            v.RegionCode("regionCode", RegionCode);
        var from = ParseDate(v, "from", From);
        var to = ParseDate(v, "to", To);
        v.DateOrder("to", from, to);
        if (Format is not null && !string.Equals(Format, "xlsx", StringComparison.OrdinalIgnoreCase))
            v.Add("format", "Error.UnknownValue");
        var kinds = new List<LedgerKind>();
        if (string.IsNullOrWhiteSpace(Ledgers))
            kinds.AddRange(AllKinds);
        else
            foreach (var part in Ledgers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Enum.TryParse<LedgerKind>(part, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !char.IsDigit(part[0]))
                {
                    if (!kinds.Contains(kind))
                        kinds.Add(kind);
                }
                else
                {
                    v.Add("ledgers", "Error.UnknownValue");
                    break;
                }
            }
        v.ThrowIfAny();
        return new ValidLedgerQuery(PartnershipId, OrganizationId, RegionCode, from!.Value, to!.Value, kinds.Order().ToList());
    }

    private static DateOnly? ParseDate(Validation v, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            v.Add(field, "Error.Required");
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        v.Add(field, "Ledgers.Error.Date");
        return null;
    }
}

public sealed record ValidLedgerQuery(int? PartnershipId, int? OrganizationId, string? RegionCode, DateOnly From, DateOnly To,
    IReadOnlyList<LedgerKind> Kinds);
