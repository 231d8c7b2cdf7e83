using Bangfu.Common;
using Bangfu.Features.Files;
using Bangfu.Features.Partnerships;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.TeleTeaching;

/// 课件: slides, a video or a document in a partnership's courseware library (seed 001's platform "投放了许多课件和教程").
public sealed class CoursewareItem : IVersioned, ISoftDeletable, IPartnershipRecord
{
    public int Id { get; set; }
    public int PartnershipId { get; set; }
    public Partnership? Partnership { get; set; }
    public required string Title { get; set; }
    public string? Specialty { get; set; }
    public long StoredFileId { get; set; }
    public StoredFile? StoredFile { get; set; }
    public int Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
}

public sealed class CoursewareItemConfiguration : IEntityTypeConfiguration<CoursewareItem>
{
    public void Configure(EntityTypeBuilder<CoursewareItem> builder)
    {
        builder.ToTable("CoursewareItems");
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.Property(c => c.Specialty).HasMaxLength(60);
        builder.Property(c => c.DeletedBy).HasMaxLength(64);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne(c => c.Partnership).WithMany().HasForeignKey(c => c.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.StoredFile).WithMany().HasForeignKey(c => c.StoredFileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.PartnershipId);
        builder.HasQueryFilter(c => c.DeletedAt == null);
    }
}
