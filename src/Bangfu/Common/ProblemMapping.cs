using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Bangfu.Common;

/// Turns every failure into an RFC 9457 problem in the caller's language (zh-CN unless asked for English).
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, IStringLocalizer<SharedResource> text, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            RequestValidationException v => Validation(v.Errors),
            DomainRuleException r => Problem(StatusCodes.Status409Conflict, "Problem.Rule", text[r.MessageKey, r.Args]),
            ConcurrencyConflictException => Problem(StatusCodes.Status409Conflict, "Problem.Conflict", text["Error.Concurrency"]),
            DuplicateRecordException => Problem(StatusCodes.Status409Conflict, "Problem.Conflict", text["Error.SavedAtOnce"]),
            AccessDeniedException a => Problem(StatusCodes.Status403Forbidden, "Problem.Forbidden", text[a.MessageKey]),
            AntiforgeryValidationException => Problem(StatusCodes.Status400BadRequest, "Problem.BadRequest", text["Error.Antiforgery"]),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                Problem(StatusCodes.Status413PayloadTooLarge, "Problem.TooLarge", text["Error.BodyTooLarge"]),
            BadHttpRequestException b when b.InnerException is JsonException j => Validation([JsonError(j)]),
            BadHttpRequestException b when BindingFailure().Match(b.Message) is { Success: true } m =>
                Validation([new FieldError(m.Groups["name"].Value, "Error.InvalidValue")]),
            BadHttpRequestException b => Problem(b.StatusCode, "Problem.BadRequest", text["Error.BadRequest"]),
            // A multipart body ASP.NET Core's own form reader cannot read (no boundary, cut off): the client's fault.
            InvalidDataException or IOException when IsFormReader(exception) => Validation([new FieldError("file", "Error.MalformedForm")]),
            _ => null,
        };
        if (problem is null)
        {
            log.LogError(exception, "Unhandled error on {Path}", httpContext.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, "Problem.Server", text["Error.Server"]);
        }
        httpContext.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static bool IsFormReader(Exception e) =>
        e.TargetSite?.DeclaringType?.Namespace is { } ns
        && (ns.StartsWith("Microsoft.AspNetCore.WebUtilities", StringComparison.Ordinal) || ns.StartsWith("Microsoft.AspNetCore.Http", StringComparison.Ordinal));

    private static FieldError JsonError(JsonException j)
    {
        // A reader error means the text is not JSON at all; otherwise a value did not fit its field.
        if (j.InnerException?.GetType().Name == "JsonReaderException" || j.Path is null or "$")
            return new FieldError("body", "Error.MalformedJson");
        return new FieldError(j.Path.TrimStart('$', '.'), "Error.InvalidValue");
    }

    [GeneratedRegex(@"Failed to bind parameter ""[^""]* (?<name>\w+)""")]
    private static partial Regex BindingFailure();

    private ValidationProblemDetails Validation(IReadOnlyList<FieldError> errors)
    {
        var fields = errors
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => text[e.MessageKey, e.Args].Value).ToArray());
        var problem = new ValidationProblemDetails(fields)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = text["Problem.Validation"],
            Detail = string.Join("；", fields.SelectMany(f => f.Value.Select(m => $"{f.Key}: {m}"))),
        };
        return problem;
    }

    private ProblemDetails Problem(int status, string titleKey, string detail) =>
        new() { Status = status, Title = text[titleKey], Detail = detail };
}

public static class ProblemMapping
{
    public static IServiceCollection AddBangfuProblems(this IServiceCollection services)
    {
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // Bodiless results (NotFound, Unauthorized…) get a sentence a coordinator can read.
            var text = ctx.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            if (ctx.ProblemDetails.Detail is null)
            {
                var key = status switch
                {
                    404 => "Error.NotFound",
                    401 => "Error.Unauthorized",
                    403 => "Error.Forbidden",
                    405 => "Error.MethodNotAllowed",
                    415 => "Error.UnsupportedMediaType",
                    _ => null,
                };
                if (key is not null)
                {
                    ctx.ProblemDetails.Title = text[$"Problem.{status}"];
                    ctx.ProblemDetails.Detail = text[key];
                }
            }
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }
}
