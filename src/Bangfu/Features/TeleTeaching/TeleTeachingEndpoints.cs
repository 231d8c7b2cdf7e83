using Bangfu.Common;
using Bangfu.Features.Files;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bangfu.Features.TeleTeaching;

public static class TeleTeachingEndpoints
{
    public static IServiceCollection AddTeleTeaching(this IServiceCollection services) => services.AddScoped<TeleTeachingService>().AddScoped<CoursewareService>();

    public static IEndpointRouteBuilder MapTeleTeachingEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/teleteaching").WithTags("Tele-teaching");
        api.MapGet("/series", ListAsync);
        api.MapGet("/series/{id:int}", GetAsync);
        api.MapPost("/series", CreateAsync);
        api.MapPut("/series/{id:int}", UpdateAsync);
        api.MapDelete("/series/{id:int}", DeleteAsync);
        api.MapGet("/series/{id:int}/sessions", SessionsAsync);
        api.MapGet("/series/{id:int}/certificates", CertificatesAsync);
        api.MapGet("/sessions/{id:int}", GetSessionAsync);
        api.MapPut("/sessions/{id:int}", UpdateSessionAsync);
        api.MapGet("/sessions/{id:int}/attendance", AttendanceAsync);
        api.MapPut("/sessions/{id:int}/attendance", SaveAttendanceAsync);
        api.MapPost("/sessions/{id:int}/attendance/import", ImportAsync).WithMetadata(new LargeBodyMetadata(_ => AttendanceCsv.MaxBytes + 64 * 1024));
        api.MapGet("/sessions/{id:int}/attendance/corrections", CorrectionsAsync);
        api.MapGet("/partnerships/{partnershipId:int}/courseware", CoursewareAsync);
        api.MapPost("/partnerships/{partnershipId:int}/courseware", UploadCoursewareAsync).AcceptsUpload(FilePurpose.Courseware);
        api.MapGet("/courseware/{id:int}/content", DownloadCoursewareAsync);
        api.MapDelete("/courseware/{id:int}", DeleteCoursewareAsync);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<TeachingSeriesDto>>> ListAsync(HttpContext http, TeleTeachingService service, int? partnershipId, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(http.Scope(), partnershipId, ct));

    public static async Task<Results<Ok<TeachingSeriesDto>, NotFound>> GetAsync(int id, HttpContext http, TeleTeachingService service, CancellationToken ct) =>
        await service.GetAsync(http.Scope(), id, ct) is { } s ? TypedResults.Ok(s) : TypedResults.NotFound();

    public static async Task<Created<TeachingSeriesDto>> CreateAsync(SaveTeachingSeriesRequest request, HttpContext http, TeleTeachingService service, CancellationToken ct)
    {
        var s = await service.CreateAsync(http.Scope(), request, ct);
        return TypedResults.Created($"/api/teleteaching/series/{s.Id}", s);
    }

    public static async Task<Results<Ok<TeachingSeriesDto>, NotFound>> UpdateAsync(int id, SaveTeachingSeriesRequest request, HttpContext http, TeleTeachingService service,
        CancellationToken ct) =>
        await service.UpdateAsync(http.Scope(), id, request, ct) is { } s ? TypedResults.Ok(s) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(int id, int? version, HttpContext http, TeleTeachingService service, CancellationToken ct) =>
        await service.DeleteAsync(http.Scope(), id, version, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<TeachingSessionDto>>, NotFound>> SessionsAsync(int id, HttpContext http, TeleTeachingService service, CancellationToken ct) =>
        await service.SessionsAsync(http.Scope(), id, ct) is { } s ? TypedResults.Ok(s) : TypedResults.NotFound();

    public static async Task<Results<Ok<CertificateListDto>, NotFound>> CertificatesAsync(int id, HttpContext http, TeleTeachingService service, CancellationToken ct) =>
        await service.CertificatesAsync(http.Scope(), id, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound();

    public static async Task<Results<Ok<TeachingSessionDto>, NotFound>> GetSessionAsync(int id, HttpContext http, TeleTeachingService service, CancellationToken ct) =>
        await service.GetSessionAsync(http.Scope(), id, ct) is { } s ? TypedResults.Ok(s) : TypedResults.NotFound();

    public static async Task<Results<Ok<TeachingSessionDto>, NotFound>> UpdateSessionAsync(int id, SaveTeachingSessionRequest request, HttpContext http,
        TeleTeachingService service, CancellationToken ct) =>
        await service.UpdateSessionAsync(http.Scope(), id, request, ct) is { } s ? TypedResults.Ok(s) : TypedResults.NotFound();

    public static async Task<Results<Ok<AttendanceSheetDto>, NotFound>> AttendanceAsync(int id, HttpContext http, TeleTeachingService service, CancellationToken ct) =>
        await service.AttendanceAsync(http.Scope(), id, ct) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound();

    public static async Task<Results<Ok<AttendanceSheetDto>, NotFound>> SaveAttendanceAsync(int id, SaveAttendanceRequest request, HttpContext http,
        TeleTeachingService service, CancellationToken ct) =>
        await service.SaveAttendanceAsync(http.Scope(), id, request, ct) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound();

    /// A multipart upload: the video tool's CSV export in the field "file", and "reason" when it changes recorded figures.
    public static async Task<Results<Ok<AttendanceImportResult>, NotFound>> ImportAsync(int id, HttpContext http, TeleTeachingService service, CancellationToken ct)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        var file = form?.Files.GetFile("file");
        if (file is null)
            new Validation().Add("file", "Error.Required").ThrowIfAny();
        if (file!.Length > AttendanceCsv.MaxBytes)
            new Validation().Add("file", "Tele.Import.TooLarge", AttendanceCsv.MaxBytes / 1024 / 1024).ThrowIfAny();
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var reason = form!["reason"].ToString();
        return await service.ImportAttendanceAsync(http.Scope(), id, buffer.ToArray(), reason.Length == 0 ? null : reason, ct) is { } r
            ? TypedResults.Ok(r) : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<IReadOnlyList<AttendanceCorrectionDto>>, NotFound>> CorrectionsAsync(int id, HttpContext http, TeleTeachingService service,
        CancellationToken ct) =>
        await service.CorrectionsAsync(http.Scope(), id, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<CoursewareDto>>, NotFound>> CoursewareAsync(int partnershipId, HttpContext http, CoursewareService service,
        CancellationToken ct) =>
        await service.ListAsync(http.Scope(), partnershipId, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound();

    /// A multipart upload: the file in "file", with "title" (defaults to the file name) and "specialty".
    public static async Task<Results<Created<CoursewareDto>, NotFound>> UploadCoursewareAsync(int partnershipId, HttpContext http, CoursewareService service,
        CancellationToken ct)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        var file = form?.Files.GetFile("file");
        if (file is null)
            new Validation().Add("file", "Error.Required").ThrowIfAny();
        await using var content = file!.OpenReadStream();
        var item = await service.UploadAsync(http.Scope(), partnershipId, form!["title"].ToString(), form["specialty"].ToString(), file.FileName, content, ct);
        return item is null ? TypedResults.NotFound() : TypedResults.Created($"/api/teleteaching/courseware/{item.Id}/content", item);
    }

    public static async Task<IResult> DownloadCoursewareAsync(int id, HttpContext http, CoursewareService service, CancellationToken ct) =>
        await service.DownloadAsync(http.Scope(), id, ct) ?? TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> DeleteCoursewareAsync(int id, int? version, HttpContext http, CoursewareService service, CancellationToken ct) =>
        await service.DeleteAsync(http.Scope(), id, version, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
