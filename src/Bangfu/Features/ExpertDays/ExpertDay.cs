using Bangfu.Common;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.Features.People;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.ExpertDays;

/// 专家工作日: a recurring day at the host, e.g. "every month on the Thursday of the 3rd week, 3–5 experts" (seed 004),
/// stored as an RFC 5545 rule.
public sealed class ExpertDay : IVersioned, ISoftDeletable, IPartnershipRecord
{
    public int Id { get; set; }
    public int PartnershipId { get; set; }
    public Partnership? Partnership { get; set; }
    public int HostOrganizationId { get; set; }
    public Organization? HostOrganization { get; set; }
    public required string Title { get; set; }

    /// RFC 5545 RRULE without the "RRULE:" prefix, e.g. FREQ=MONTHLY;BYDAY=TH;BYSETPOS=3.
    public required string RecurrenceRule { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public int MinExperts { get; set; }
    public int MaxExperts { get; set; }
    public List<ExpertDayAssignment> Assignments { get; set; } = [];
    public int Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }

    /// Occurrence dates between two dates (inclusive), from the start date on.
    public static IReadOnlyList<DateOnly> Occurrences(string rule, DateOnly start, DateOnly? end, DateOnly from, DateOnly to)
    {
        var last = end is { } e && e < to ? e : to;
        if (last < from || last < start)
            return [];
        var ev = new CalendarEvent
        {
            DtStart = new CalDateTime(start.Year, start.Month, start.Day),
            DtEnd = new CalDateTime(start.AddDays(1).Year, start.AddDays(1).Month, start.AddDays(1).Day),
            RecurrenceRule = new RecurrenceRule(rule),
        };
        var begin = from < start ? start : from;
        return ev.GetOccurrences(new CalDateTime(begin.Year, begin.Month, begin.Day))
            .Select(o => DateOnly.FromDateTime(o.Period.StartTime.Value))
            .TakeWhile(d => d <= last)
            .Where(d => d >= begin)
            .Take(2000)
            .ToList();
    }

    /// Null when the rule parses and recurs at most daily; otherwise the message key of the problem.
    public static string? CheckRule(string? rule)
    {
        if (string.IsNullOrWhiteSpace(rule) || rule.Length > 200)
            return "Error.RecurrenceRule";
        try
        {
            var parsed = new RecurrenceRule(rule);
            return parsed.Frequency is Ical.Net.FrequencyType.Daily or Ical.Net.FrequencyType.Weekly or Ical.Net.FrequencyType.Monthly or Ical.Net.FrequencyType.Yearly
                ? null : "Error.RecurrenceRule";
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            return "Error.RecurrenceRule";
        }
    }
}

public sealed class ExpertDayAssignment
{
    public int Id { get; set; }
    public int ExpertDayId { get; set; }
    public DateOnly OccurrenceDate { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
}

public sealed class ExpertDayConfiguration : IEntityTypeConfiguration<ExpertDay>
{
    public void Configure(EntityTypeBuilder<ExpertDay> builder)
    {
        builder.Property(e => e.Title).HasMaxLength(100);
        builder.Property(e => e.RecurrenceRule).HasMaxLength(200);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Property(e => e.DeletedBy).HasMaxLength(64);
        builder.HasOne(e => e.Partnership).WithMany().HasForeignKey(e => e.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.HostOrganization).WithMany().HasForeignKey(e => e.HostOrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(e => e.Assignments).WithOne().HasForeignKey(a => a.ExpertDayId).OnDelete(DeleteBehavior.Cascade);
        builder.HasQueryFilter(e => e.DeletedAt == null);
    }
}

public sealed class ExpertDayAssignmentConfiguration : IEntityTypeConfiguration<ExpertDayAssignment>
{
    public void Configure(EntityTypeBuilder<ExpertDayAssignment> builder)
    {
        builder.HasOne(a => a.Person).WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.ExpertDayId, a.OccurrenceDate, a.PersonId }).IsUnique();
    }
}
