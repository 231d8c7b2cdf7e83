using Bangfu.Common;
using Microsoft.AspNetCore.Http.Features;

namespace Bangfu.Features.Files;

public static class FileSetup
{
    public static IServiceCollection AddFiles(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Bangfu:Files").Get<FileStoreOptions>() ?? new FileStoreOptions();
        services.AddSingleton(options);
        services.AddSingleton<FileStore>();
        // Uploads arrive as multipart forms; the per-endpoint cap (AcceptsUpload) is the real limit.
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = new[] { options.MaxClinicalBytes, options.MaxCoursewareBytes, options.MaxEvidenceBytes, options.MaxImportBytes }.Max() + 1024 * 1024);
        return services;
    }

    /// Marks an endpoint as taking one multipart file of <paramref name="purpose"/>: its body may be as large as the
    /// purpose allows (plus the form's own overhead). Form-field antiforgery is off because the file is streamed; a call
    /// made with the sign-in cookie still needs the token in its header (<see cref="CookieApiAntiforgeryMiddleware"/>),
    /// and API clients use bearer tokens.
    public static RouteHandlerBuilder AcceptsUpload(this RouteHandlerBuilder builder, FilePurpose purpose) =>
        builder.DisableAntiforgery()
            .WithMetadata(new LargeBodyMetadata(sp => sp.GetRequiredService<FileStoreOptions>().MaxBytes(purpose) + 1024 * 1024));
}
