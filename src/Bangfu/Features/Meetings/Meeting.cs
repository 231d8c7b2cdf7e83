using Bangfu.Common;
using Bangfu.Features.Partnerships;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.Meetings;

public enum MeetingKind
{
    WorkMeeting,
    VideoConference,
    SiteSurvey,
    SigningCeremony,
}

public enum ActionItemStatus
{
    Open,
    Done,
    Cancelled,
}

/// 工作例会 / 视频会 (seed 000): who took part, the minutes, and the decisions that become tracked action items.
public sealed class Meeting : IVersioned, ISoftDeletable, IPartnershipRecord
{
    public int Id { get; set; }
    public int PartnershipId { get; set; }
    public Partnership? Partnership { get; set; }
    public required string Title { get; set; }
    public MeetingKind Kind { get; set; }
    public DateOnly HeldOn { get; set; }
    public string? Participants { get; set; }
    public string? Minutes { get; set; }
    public List<ActionItem> ActionItems { get; set; } = [];
    public int Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
}

/// 督办事项: a decision with an owner and a due date; overdue when open past its date.
public sealed class ActionItem : IVersioned
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public Meeting? Meeting { get; set; }
    public required string Description { get; set; }
    public required string Owner { get; set; }
    public DateOnly DueDate { get; set; }
    public ActionItemStatus Status { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public int Version { get; set; }
}

public sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.Property(m => m.Title).HasMaxLength(200);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Participants).HasMaxLength(2000);
        builder.Property(m => m.Minutes).HasMaxLength(20000);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.Property(m => m.DeletedBy).HasMaxLength(64);
        builder.HasOne(m => m.Partnership).WithMany().HasForeignKey(m => m.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.ActionItems).WithOne(a => a.Meeting).HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.PartnershipId, m.HeldOn });
        builder.HasQueryFilter(m => m.DeletedAt == null);
    }
}

public sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> builder)
    {
        builder.Property(a => a.Description).HasMaxLength(1000);
        builder.Property(a => a.Owner).HasMaxLength(100);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => new { a.Status, a.DueDate });
    }
}
