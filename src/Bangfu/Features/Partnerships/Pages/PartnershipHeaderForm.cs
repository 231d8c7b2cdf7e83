namespace Bangfu.Features.Partnerships.Pages;

/// What the user is typing into a partnership header; kept apart from the DTO so a refused save loses nothing.
public sealed class PartnershipHeaderForm
{
    public PartnershipKind? Kind { get; set; }
    public string? Name { get; set; }
    public PartnershipStatus? Status { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? Programme { get; set; }
    public string? Description { get; set; }
    public int? Version { get; set; }

    public static PartnershipHeaderForm From(PartnershipDto p) => new()
    {
        Kind = p.Kind,
        Name = p.Name,
        Status = p.Status,
        StartDate = p.StartDate,
        EndDate = p.EndDate,
        Programme = p.Programme,
        Description = p.Description,
        Version = p.Version,
    };

    public SavePartnershipRequest ToRequest(IReadOnlyList<SavePartyRequest>? parties = null) =>
        new(Kind, Name, Status, StartDate, EndDate, Blank(Programme), Blank(Description), parties, Version);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
