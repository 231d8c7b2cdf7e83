using Bangfu.Common;
using Bangfu.Features.Accounts;
using Bangfu.Features.Ledgers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bangfu.Features.Audit;

public static class AuditEndpoints
{
    public static IServiceCollection AddAudit(this IServiceCollection services) =>
        services.AddSingleton<SecurityLog>().AddScoped<AuditService>();

    /// The 操作日志 and 登录日志 of system administrators; everybody else is refused (403).
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Admin);
        api.MapGet("/operations", OperationsAsync);
        api.MapGet("/operations/export", ExportOperationsAsync);
        api.MapGet("/sign-ins", SignInsAsync);
        api.MapGet("/sign-ins/export", ExportSignInsAsync);
        return app;
    }

    public static async Task<Ok<Page<AuditRow>>> OperationsAsync(HttpContext http, AuditService audit, string? userName, string? entityType,
        string? action, string? from, string? to, string? text, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await audit.OperationsAsync(http.Scope(), new OperationLogQuery(userName, entityType, action, from, to, text, page ?? 1, pageSize ?? 20), ct));

    public static async Task<FileStreamHttpResult> ExportOperationsAsync(HttpContext http, AuditService audit, string? userName, string? entityType,
        string? action, string? from, string? to, string? text, CancellationToken ct)
    {
        var file = await audit.ExportOperationsAsync(http.Scope(), new OperationLogQuery(userName, entityType, action, from, to, text), ct);
        return TypedResults.File(file.Content, LedgerEndpoints.XlsxContentType, file.FileName);
    }

    public static async Task<Ok<Page<AuditRow>>> SignInsAsync(HttpContext http, AuditService audit, string? userName, string? result,
        string? address, string? from, string? to, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await audit.SignInsAsync(http.Scope(), new SignInLogQuery(userName, result, address, from, to, page ?? 1, pageSize ?? 20), ct));

    public static async Task<FileStreamHttpResult> ExportSignInsAsync(HttpContext http, AuditService audit, string? userName, string? result,
        string? address, string? from, string? to, CancellationToken ct)
    {
        var file = await audit.ExportSignInsAsync(http.Scope(), new SignInLogQuery(userName, result, address, from, to), ct);
        return TypedResults.File(file.Content, LedgerEndpoints.XlsxContentType, file.FileName);
    }
}
