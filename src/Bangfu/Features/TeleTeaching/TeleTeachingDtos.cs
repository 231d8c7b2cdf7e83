namespace Bangfu.Features.TeleTeaching;

public sealed record SpokeDto(int OrganizationId, string Name);

public sealed record TeachingSeriesDto(int Id, int PartnershipId, string PartnershipName, string Title, string? Specialty, int HubOrganizationId,
    string HubOrganizationName, IReadOnlyList<SpokeDto> Spokes, string RecurrenceRule, TimeOnly StartTime, int DurationMinutes, DateOnly StartDate,
    DateOnly EndDate, int PresentSharePercent, int CertificatePercent, int SessionCount, int HeldCount, int Version);

public sealed record SaveTeachingSeriesRequest(int? PartnershipId, string? Title, string? Specialty, int? HubOrganizationId,
    IReadOnlyList<int>? SpokeOrganizationIds, string? RecurrenceRule, TimeOnly? StartTime, int? DurationMinutes, DateOnly? StartDate,
    DateOnly? EndDate, int? PresentSharePercent = null, int? CertificatePercent = null, int? Version = null);

public sealed record TeachingSessionDto(int Id, int SeriesId, DateOnly Date, string? Topic, int? LecturerId, string? LecturerName, string? Cases,
    TeachingSessionStatus Status, int AttendeeCount, int PresentCount, long? ActivityId, int Version);

public sealed record SaveTeachingSessionRequest(string? Topic, int? LecturerId, string? Cases, TeachingSessionStatus? Status, int? Version);

/// One line of the attendance grid: every person of the spoke organizations, with the minutes recorded (if any).
public sealed record AttendanceRowDto(int PersonId, string PersonName, int OrganizationId, string OrganizationName, int? Minutes, bool IsPresent,
    bool IsImported);

public sealed record AttendanceSheetDto(int SessionId, DateOnly Date, TeachingSessionStatus Status, int DurationMinutes, int PresentSharePercent,
    int PresentMinutes, int PresentCount, IReadOnlyList<AttendanceRowDto> Rows);

/// Minutes per person; null removes the person's record. Changing or removing a recorded figure needs a reason.
public sealed record SaveAttendanceRequest(IReadOnlyList<AttendanceEntry>? Entries, string? Reason);

public sealed record AttendanceEntry(int PersonId, int? Minutes);

/// A line of the file whose name matched nobody (or more than one person) of the spoke organizations.
public sealed record UnmatchedRow(int Row, string Name, string? Organization, bool IsAmbiguous);

public sealed record AttendanceImportResult(int Rows, int Matched, int Written, int PresentCount, IReadOnlyList<UnmatchedRow> Unmatched);

public sealed record AttendanceCorrectionDto(long Id, DateTimeOffset At, string UserName, int PersonId, string PersonName, int? OldMinutes,
    int? NewMinutes, string Reason);

public sealed record CertificateDto(int PersonId, string PersonName, string OrganizationName, int AttendedSessions, int HeldSessions,
    decimal SharePercent, bool IsEarned);

public sealed record CertificateListDto(int SeriesId, string Title, string HubOrganizationName, DateOnly StartDate, DateOnly EndDate, int HeldSessions,
    int CertificatePercent, IReadOnlyList<CertificateDto> People);
