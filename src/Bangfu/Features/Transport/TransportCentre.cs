using Bangfu.Common;
using Bangfu.Features.Organizations;
using Bangfu.Features.People;
using Bangfu.Features.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.Transport;

/// 转运中心 of an organization, e.g. a critical-newborn pre-hospital transport centre with its ambulances.
public sealed class TransportCentre : IVersioned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public required string Name { get; set; }
    public string? Phone { get; set; }
    public bool IsActive { get; set; } = true;
    public List<Vehicle> Vehicles { get; set; } = [];
    public int Version { get; set; }
}

public sealed class Vehicle : IVersioned
{
    public int Id { get; set; }
    public int CentreId { get; set; }
    public TransportCentre? Centre { get; set; }

    /// 车牌号, e.g. 晋A·12345.
    public required string Plate { get; set; }

    /// e.g. 新生儿转运救护车.
    public required string VehicleType { get; set; }

    /// 车载设备, e.g. 转运暖箱、呼吸机、监护仪.
    public string? Equipment { get; set; }
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
}

/// A referral's request for transport and, once assigned, the run: vehicle, crew, planned window and logged times.
public sealed class TransportRun : IVersioned
{
    public int Id { get; set; }
    public int ReferralId { get; set; }
    public Referral? Referral { get; set; }
    public int CentreId { get; set; }
    public TransportCentre? Centre { get; set; }
    public required string PickupPlace { get; set; }
    public required string Destination { get; set; }

    /// 患者病情 as the sender describes it for the crew.
    public required string PatientCondition { get; set; }
    public string? EquipmentNeeded { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public int? VehicleId { get; set; }
    public Vehicle? Vehicle { get; set; }
    public DateTimeOffset? PlannedStart { get; set; }
    public DateTimeOffset? PlannedEnd { get; set; }
    public DateTimeOffset? DepartedAt { get; set; }
    public DateTimeOffset? ArrivedAt { get; set; }
    public DateTimeOffset? HandedOverAt { get; set; }
    public bool IsCancelled { get; set; }
    public List<TransportCrewMember> Crew { get; set; } = [];
    public int Version { get; set; }
}

public sealed class TransportCrewMember
{
    public int RunId { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
}

public sealed class TransportCentreConfiguration : IEntityTypeConfiguration<TransportCentre>
{
    public void Configure(EntityTypeBuilder<TransportCentre> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(120);
        builder.Property(c => c.Phone).HasMaxLength(40);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne(c => c.Organization).WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Vehicles).WithOne(v => v.Centre).HasForeignKey(v => v.CentreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.OrganizationId);
    }
}

public sealed class VehicleConfiguration : IEntityTypeConfiguration<Vehicle>
{
    public void Configure(EntityTypeBuilder<Vehicle> builder)
    {
        builder.Property(v => v.Plate).HasMaxLength(20);
        builder.Property(v => v.VehicleType).HasMaxLength(60);
        builder.Property(v => v.Equipment).HasMaxLength(500);
        builder.Property(v => v.Version).IsConcurrencyToken();
        builder.HasIndex(v => v.Plate).IsUnique();
    }
}

public sealed class TransportRunConfiguration : IEntityTypeConfiguration<TransportRun>
{
    public void Configure(EntityTypeBuilder<TransportRun> builder)
    {
        builder.Property(r => r.PickupPlace).HasMaxLength(200);
        builder.Property(r => r.Destination).HasMaxLength(200);
        builder.Property(r => r.PatientCondition).HasMaxLength(1000);
        builder.Property(r => r.EquipmentNeeded).HasMaxLength(500);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasOne(r => r.Referral).WithMany().HasForeignKey(r => r.ReferralId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Centre).WithMany().HasForeignKey(r => r.CentreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Vehicle).WithMany().HasForeignKey(r => r.VehicleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Crew).WithOne().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.ReferralId);
        builder.HasIndex(r => new { r.VehicleId, r.PlannedStart });
        builder.HasIndex(r => new { r.CentreId, r.RequestedAt });
    }
}

public sealed class TransportCrewMemberConfiguration : IEntityTypeConfiguration<TransportCrewMember>
{
    public void Configure(EntityTypeBuilder<TransportCrewMember> builder)
    {
        builder.HasKey(c => new { c.RunId, c.PersonId });
        builder.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
